package org.parley.web.ui;

import org.junit.jupiter.api.Test;

/**
 * The voice and webcam modules (js/session/media/, protocol README §9a) in Chromium, as the pages
 * load them: every body a hostile member could send is refused cleanly and what a client sends
 * reads back as sent; the mixer's jitter buffer never lets the delay grow, conceals a lost frame,
 * fades out when a speaker stops and raises its target when arrivals jitter. The checks live in
 * {@code media-checks.js} next to this class.
 */
class MediaBrowserTest extends InPageChecks {
    @Override
    String checksResource() {
        return "media-checks.js";
    }

    @Override
    String modulesPath() {
        return "/js/session/media/";
    }

    @Test
    void hostileMediaBodiesAreRefusedAndOwnOnesReadBack() {
        assertAllPass("refusals", 19);
    }

    @Test
    void theJitterBufferNeverLetsTheDelayGrow() {
        assertAllPass("jitterBuffer", 5);
    }
}
