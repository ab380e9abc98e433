package org.parley.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.protocol.envelope.MessageType;

/**
 * What a page received as MEDIA and what it acknowledged in MEDIA_ACKs (protocol README §12), read
 * off its WebSocket as the relay would count them: whole envelopes.
 */
final class MediaAcks {
    private final AtomicLong mediaBytes = new AtomicLong();
    private final List<Long> acks = new CopyOnWriteArrayList<>();

    /** Watches {@code page}'s WebSockets from now on (call before it navigates). */
    static MediaAcks watch(Page page) {
        var watch = new MediaAcks();
        page.onWebSocket(ws -> {
            ws.onFrameReceived(frame -> {
                byte[] bytes = frame.binary();
                if (bytes != null && bytes.length > 1 && bytes[1] == MessageType.MEDIA.code()) {
                    watch.mediaBytes.addAndGet(bytes.length);
                }
            });
            ws.onFrameSent(frame -> {
                byte[] bytes = frame.binary();
                if (bytes != null && bytes.length > 1 && bytes[1] == MessageType.MEDIA_ACK.code()) {
                    assertThat(bytes).hasSize(14 + 8);
                    watch.acks.add(ByteBuffer.wrap(bytes, 14, 8).getLong());
                }
            });
        });
        return watch;
    }

    /** Waits until the page has acknowledged every media byte it received, and checks its count never went back. */
    void awaitAllAcknowledged(Page page) {
        page.waitForCondition(() -> !acks.isEmpty() && acks.getLast() == mediaBytes.get(),
                new Page.WaitForConditionOptions().setTimeout(10_000));
        assertThat(acks).as("the count never goes back").isSorted();
    }

    long mediaBytes() {
        return mediaBytes.get();
    }
}
