package org.parley.web.ui.support;

/** What the support browser tests share (screenshots and test-origin links come from {@link org.parley.web.ui.Browsers}). */
final class Pages {
    static final String PASSWORD = "correct horse battery staple 91";

    private Pages() {
    }
}
