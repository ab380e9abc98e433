package org.parley.mail;

import java.net.URI;

/** Signed links that turn marketing mail off for one address (RFC 8058 one-click, and a page). */
public interface UnsubscribeLinks {
    URI oneClick(String address);

    URI page(String address);
}
