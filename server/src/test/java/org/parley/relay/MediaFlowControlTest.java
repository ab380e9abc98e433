package org.parley.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MediaMark;
import org.parley.protocol.envelope.MessageType;

/**
 * Protocol README §12, "Media flow control", against the real relay: a viewer that reads slowly
 * gets fewer, newer frames — never deltas after a gap, never a growing backlog, never a close —
 * while a fast viewer in the same room gets every frame.
 */
class MediaFlowControlTest {
    static final int FRAME_BYTES = 32 * 1024;
    static final int FRAMES = 800;
    static final int REFRESH_EVERY = 20;
    static TestServer server;
    static ApiClient organizer;
    static ApiClient fast;
    static ApiClient slow;
    static String meetingId;

    @BeforeAll
    static void start() {
        var room = PresenterAndTwoViewers.start("Flow control");
        server = room.server();
        organizer = room.organizer();
        fast = room.fast();
        slow = room.slow();
        meetingId = room.meetingId();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** mark, u32 sequence number, u64 send time, padding: what the relay routes is opaque to it anyway. */
    static byte[] media(int mark, int seq, int size) {
        return ByteBuffer.allocate(size).put((byte) mark).putInt(seq).putLong(System.nanoTime()).array();
    }

    static int seq(Envelope e) {
        return e.payload().getInt(e.payload().position() + 1);
    }

    static long ageNanos(Envelope e, long now) {
        return now - e.payload().getLong(e.payload().position() + 5);
    }

    static boolean refreshPoint(Envelope e) {
        return MediaMark.refreshPoint(e.payload().get(e.payload().position()));
    }

    /** Everyone joins; the organizer admits the others and each has its ADMIT before this returns. */
    static void joinAndAdmit(RelayClient organizer, RelayClient... others) {
        organizer.join();
        for (RelayClient other : others) {
            other.join();
        }
        for (RelayClient other : others) {
            organizer.send(MessageType.ADMIT, other.id(), new byte[0]);
        }
        for (RelayClient other : others) {
            other.await(e -> e.type() == MessageType.ADMIT);
        }
    }

    @Test
    void aSlowViewerGetsFewerNewerFramesAndStaysConnectedWhileAFastViewerGetsEveryFrame() throws Exception {
        try (var pia = RelayClient.connect(server.baseUrl(), meetingId, organizer);
             var fred = RelayClient.connect(server.baseUrl(), meetingId, fast);
             var sue = RelayClient.connectReadingSlowly(server.baseUrl(), meetingId, slow, Duration.ofMillis(25))) {
            joinAndAdmit(pia, fred, sue);

            // what the slow viewer reads, and how old each frame is when it does, recorded as it reads
            List<Envelope> slowSaw = java.util.Collections.synchronizedList(new ArrayList<>());
            var maxAge = new java.util.concurrent.atomic.AtomicLong();
            var caughtUp = new java.util.concurrent.atomic.AtomicLong();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Envelope e = sue.received.take();
                        slowSaw.add(e);
                        if (e.type() == MessageType.MEDIA) {
                            maxAge.accumulateAndGet(ageNanos(e, System.nanoTime()), Math::max);
                            if (seq(e) >= FRAMES) {
                                caughtUp.compareAndSet(0, System.nanoTime());
                            }
                        }
                    }
                } catch (InterruptedException done) {
                    Thread.currentThread().interrupt();
                }
            });

            // 800 frames of 32 KiB at ~150 a second (4.8 MB/s): a refresh point every 20th, deltas between;
            // the slow viewer reads 40 messages a second
            long frameNanos = TimeUnit.SECONDS.toNanos(1) / 150;
            long next = System.nanoTime();
            for (int seq = 0; seq < FRAMES; seq++) {
                int mark = seq % REFRESH_EVERY == 0 ? MediaMark.REFRESH_POINT : MediaMark.DROPPABLE;
                pia.send(MessageType.MEDIA, Envelope.EVERYONE, media(mark, seq, FRAME_BYTES));
                next += frameNanos;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            long streamEnded = System.nanoTime();
            // the presenter goes on with a small refresh point every 100 ms, as a periodic keyframe does
            int seq = FRAMES;
            long deadline = streamEnded + TimeUnit.SECONDS.toNanos(15);
            while (caughtUp.get() == 0 && System.nanoTime() < deadline) {
                pia.send(MessageType.MEDIA, Envelope.EVERYONE, media(MediaMark.REFRESH_POINT, seq++, 1024));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            reader.interrupt();
            reader.join();
            int sent = seq;
            List<Envelope> fredSaw = new ArrayList<>();
            fred.await(e -> {
                fredSaw.add(e);
                return e.type() == MessageType.MEDIA && seq(e) == sent - 1;
            });

            List<Integer> slowFrames = List.copyOf(slowSaw).stream().filter(e -> e.type() == MessageType.MEDIA).map(MediaFlowControlTest::seq).toList();
            List<Integer> fastFrames = fredSaw.stream().filter(e -> e.type() == MessageType.MEDIA).map(MediaFlowControlTest::seq).toList();
            var notices = List.copyOf(slowSaw).stream().filter(e -> e.type() == MessageType.ERROR).map(RelayClient::json).toList();
            System.out.printf("media flow control: %d frames sent; fast viewer got %d, slow viewer %d (%d notices); "
                            + "oldest frame the slow viewer read was %d ms old; it had the presenter's latest refresh "
                            + "point %d ms after the burst; slow viewer closed: %s%n", sent, fastFrames.size(),
                    slowFrames.size(), notices.size(), maxAge.get() / 1_000_000, (caughtUp.get() - streamEnded) / 1_000_000, sue.closed());

            assertThat(sue.closed()).as("the slow viewer is still connected").isFalse();
            assertThat(caughtUp.get()).as("the slow viewer caught up with the presenter's latest refresh point").isNotZero();
            assertThat(slowFrames.size()).as("the slow viewer got fewer frames").isLessThan(FRAMES / 2);
            assertThat(notices).isNotEmpty().allSatisfy(n -> {
                assertThat(n.path("error").asText()).isEqualTo("media_dropped");
                assertThat(n.path("from").asInt()).isEqualTo(pia.id());
            });
            // never a delta after a gap: whatever follows a skipped frame is a refresh point
            for (int i = 1; i < slowFrames.size(); i++) {
                if (slowFrames.get(i) != slowFrames.get(i - 1) + 1) {
                    assertThat(slowFrames.get(i) % REFRESH_EVERY == 0 || slowFrames.get(i) >= FRAMES)
                            .as("frame %d after frame %d", slowFrames.get(i), slowFrames.get(i - 1)).isTrue();
                }
            }
            assertThat(maxAge.get()).as("no frame waited long for the slow viewer").isLessThan(TimeUnit.SECONDS.toNanos(2));
            assertThat(fastFrames).as("the fast viewer got every frame, in order")
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, sent).boxed().toList());
            assertThat(fredSaw).noneMatch(e -> e.type() == MessageType.ERROR);
        }
    }

    @Test
    void aWaitingParticipantCanNeitherSendNorReceiveMedia() {
        try (var pia = RelayClient.connect(server.baseUrl(), meetingId, organizer);
             var fred = RelayClient.connect(server.baseUrl(), meetingId, fast);
             var sue = RelayClient.connect(server.baseUrl(), meetingId, slow)) {
            pia.join();
            fred.join();
            sue.join();
            pia.send(MessageType.ADMIT, fred.id(), new byte[0]);
            fred.await(e -> e.type() == MessageType.ADMIT);

            sue.send(MessageType.MEDIA, Envelope.EVERYONE, media(MediaMark.REFRESH_POINT, 1, 64));
            assertThat(RelayClient.json(sue.await(e -> e.type() == MessageType.ERROR)).path("error").asText()).isEqualTo("not_admitted");
            pia.send(MessageType.MEDIA, Envelope.EVERYONE, media(MediaMark.REFRESH_POINT, 2, 64));
            pia.send(MessageType.DATA, fred.id(), new byte[] {9});
            // what fred gets, in order: pia's media, then her direct DATA, and nothing from sue
            var fredSaw = fred.until(e -> e.type() == MessageType.DATA);
            assertThat(fredSaw.stream().filter(e -> e.type() == MessageType.MEDIA).map(MediaFlowControlTest::seq)).containsExactly(2);
            pia.send(MessageType.DATA, sue.id(), new byte[] {9});
            var sueSaw = sue.until(e -> e.type() == MessageType.DATA);
            assertThat(sueSaw).noneMatch(e -> e.type() == MessageType.MEDIA);
        }
    }

    /** README §12: the bytes a MEDIA_ACK counts for one received envelope: all of it, header included. */
    static long wireBytes(Envelope e) {
        return EnvelopeCodec.HEADER_LENGTH + e.payload().remaining();
    }

    static byte[] ack(long total) {
        return ByteBuffer.allocate(8).putLong(total).array();
    }

    /**
     * A browser as the relay sees it: reads its socket at once, then takes {@code millis} to decode
     * each MEDIA and acknowledges what it decoded (README §12); counts ERRORs (media_dropped notices).
     */
    record AckingDecoder(Thread thread, List<Integer> decoded, java.util.concurrent.atomic.AtomicLong maxAge,
                         java.util.concurrent.atomic.AtomicInteger lastSeq, java.util.concurrent.atomic.AtomicInteger notices) {
        static AckingDecoder start(RelayClient viewer, long millis) {
            var decoded = java.util.Collections.synchronizedList(new ArrayList<Integer>());
            var maxAge = new java.util.concurrent.atomic.AtomicLong();
            var lastSeq = new java.util.concurrent.atomic.AtomicInteger(-1);
            var notices = new java.util.concurrent.atomic.AtomicInteger();
            Thread thread = Thread.ofVirtual().start(() -> {
                long done = 0;
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Envelope e = viewer.received.take();
                        if (e.type() == MessageType.ERROR) {
                            notices.incrementAndGet();
                        }
                        if (e.type() != MessageType.MEDIA) {
                            continue;
                        }
                        maxAge.accumulateAndGet(ageNanos(e, System.nanoTime()), Math::max);
                        Thread.sleep(millis);
                        decoded.add(seq(e));
                        lastSeq.set(seq(e));
                        done += wireBytes(e);
                        viewer.send(MessageType.MEDIA_ACK, Envelope.EVERYONE, ack(done));
                    }
                } catch (InterruptedException finished) {
                    Thread.currentThread().interrupt();
                }
            });
            return new AckingDecoder(thread, decoded, maxAge, lastSeq, notices);
        }

        /** Stops it; what it decoded, in order. */
        List<Integer> stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
            return List.copyOf(decoded);
        }
    }

    @Test
    void aViewerThatReadsAtOnceButDecodesSlowlyGetsFewerNewerFramesWhenItAcknowledges() throws Exception {
        try (var pia = RelayClient.connect(server.baseUrl(), meetingId, organizer);
             var sue = RelayClient.connect(server.baseUrl(), meetingId, slow)) {
            joinAndAdmit(pia, sue);

            // a browser: its socket is drained at once, then each frame takes 25 ms to decode, and it
            // acknowledges what it decoded; without the acknowledgement the relay would see no backlog at all
            var decoder = AckingDecoder.start(sue, 25);
            int frames = 450; // 3 s at 150 a second, 32 KiB each: the decoder manages 40 a second
            long frameNanos = TimeUnit.SECONDS.toNanos(1) / 150;
            long next = System.nanoTime();
            for (int seq = 0; seq < frames; seq++) {
                int mark = seq % REFRESH_EVERY == 0 ? MediaMark.REFRESH_POINT : MediaMark.DROPPABLE;
                pia.send(MessageType.MEDIA, Envelope.EVERYONE, media(mark, seq, FRAME_BYTES));
                next += frameNanos;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            int seq = frames;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (decoder.lastSeq().get() < frames && System.nanoTime() < deadline) {
                pia.send(MessageType.MEDIA, Envelope.EVERYONE, media(MediaMark.REFRESH_POINT, seq++, 1024));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            List<Integer> got = decoder.stop();
            System.out.printf("media acknowledgement: %d frames sent, the slow decoder decoded %d; the oldest it took up was %d ms old%n",
                    seq, got.size(), decoder.maxAge().get() / 1_000_000);
            assertThat(sue.closed()).isFalse();
            assertThat(decoder.lastSeq().get()).as("it caught up with the presenter").isGreaterThanOrEqualTo(frames);
            assertThat(got.size()).as("fewer frames").isLessThan(frames / 2);
            // 40 frames a second of 150 without dropping would leave it seconds behind by the end
            assertThat(decoder.maxAge().get()).as("no frame waited long for the decoder").isLessThan(TimeUnit.MILLISECONDS.toNanos(800));
            for (int i = 1; i < got.size(); i++) {
                if (got.get(i) != got.get(i - 1) + 1) {
                    assertThat(got.get(i) % REFRESH_EVERY == 0 || got.get(i) >= frames)
                            .as("frame %d after frame %d", got.get(i), got.get(i - 1)).isTrue();
                }
            }
        }
    }

    @Test
    void anAcknowledgementOfMoreThanWasSentOrGoingBackOrAddressedToSomeoneClosesTheSender() {
        assertThat(closeAfterAcknowledgingOneMediaAnd(+1)).contains("at most the " + (EnvelopeCodec.HEADER_LENGTH + 100)
                + " media bytes");
        assertThat(closeAfterAcknowledgingOneMediaAnd(-1)).contains("never counts back");
        try (var pia = RelayClient.connect(server.baseUrl(), meetingId, organizer);
             var fred = RelayClient.connect(server.baseUrl(), meetingId, fast)) {
            joinAndAdmit(pia, fred);
            fred.send(MessageType.MEDIA_ACK, pia.id(), ack(0));
            fred.awaitClose();
            assertThat(fred.closeReason()).contains("recipient must be 0");
            assertThat(pia.received).noneMatch(e -> e.type() == MessageType.MEDIA_ACK);
        }
    }

    /** Fred acknowledges the one 100-byte media Pia sent, then sends a count {@code step} bytes off it; the relay's close reason. */
    private static String closeAfterAcknowledgingOneMediaAnd(long step) {
        try (var pia = RelayClient.connect(server.baseUrl(), meetingId, organizer);
             var fred = RelayClient.connect(server.baseUrl(), meetingId, fast)) {
            joinAndAdmit(pia, fred);
            pia.send(MessageType.MEDIA, Envelope.EVERYONE, media(MediaMark.REFRESH_POINT, 1, 100));
            Envelope got = fred.await(e -> e.type() == MessageType.MEDIA);
            fred.send(MessageType.MEDIA_ACK, Envelope.EVERYONE, ack(wireBytes(got)));
            fred.send(MessageType.MEDIA_ACK, Envelope.EVERYONE, ack(wireBytes(got) + step));
            fred.awaitClose();
            return fred.closeReason();
        }
    }

    @Test
    void aViewerThatCannotTakeBothLayersKeepsTheWholeBaseLayerAndNoGapOpens() throws Exception {
        try (var pia = RelayClient.connect(server.baseUrl(), meetingId, organizer);
             var sue = RelayClient.connect(server.baseUrl(), meetingId, slow)) {
            joinAndAdmit(pia, sue);

            // a decoder that manages 40 frames a second, acknowledging each, against 60 a second in two
            // layers: even frames the base (droppable), odd ones the enhancement (discardable)
            var decoder = AckingDecoder.start(sue, 25);
            int frames = 300; // 5 s
            long frameNanos = TimeUnit.SECONDS.toNanos(1) / 60;
            long next = System.nanoTime();
            for (int seq = 0; seq < frames; seq++) {
                int mark = seq == 0 ? MediaMark.REFRESH_POINT
                        : seq % 2 == 0 ? MediaMark.DROPPABLE : MediaMark.DROPPABLE | MediaMark.DISCARDABLE;
                pia.send(MessageType.MEDIA, Envelope.EVERYONE, media(mark, seq, 8 * 1024));
                next += frameNanos;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            Thread.sleep(1500);
            List<Integer> got = decoder.stop();
            long base = got.stream().filter(s -> s % 2 == 0).count();
            long enhancement = got.size() - base;
            System.out.printf("temporal layers: %d frames sent at 60/s to a 40/s decoder: it decoded %d of %d base and %d of %d "
                    + "enhancement frames, %d media_dropped notices%n", frames, base, frames / 2, enhancement, frames / 2, decoder.notices().get());
            assertThat(decoder.notices().get()).as("no gap opened, so no notice and no key frame to wait for").isZero();
            assertThat(base).as("the whole base layer").isEqualTo(frames / 2);
            assertThat(enhancement).as("the enhancement layer was thinned").isLessThan(frames / 2);
            assertThat(got).as("in order").isSorted();
        }
    }
}
