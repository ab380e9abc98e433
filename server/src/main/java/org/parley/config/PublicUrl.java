package org.parley.config;

import java.net.URI;

/**
 * The public base URL for links in mails. With PARLEY_PORT=0 it is known only once the server
 * has bound its port, so it is resolved then, once; reading it earlier is a bug.
 */
public final class PublicUrl {
    private volatile URI uri;

    public PublicUrl() {
    }

    public PublicUrl(URI uri) {
        this.uri = uri;
    }

    public void resolve(URI resolved) {
        this.uri = resolved;
    }

    public URI get() {
        URI current = uri;
        if (current == null) {
            throw new IllegalStateException("the public URL is read before the server has bound its port");
        }
        return current;
    }

    public boolean https() {
        return "https".equalsIgnoreCase(get().getScheme());
    }

    @Override
    public String toString() {
        return String.valueOf(uri);
    }
}
