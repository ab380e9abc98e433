package org.parley.agent.present;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.agent.screen.Frame;
import org.parley.agent.screen.KeyframeSchedule;
import org.parley.agent.screen.ScreenCapture;
import org.parley.agent.screen.TileEncoder;
import org.parley.agent.screen.TileFormat;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.envelope.MediaMark;

/**
 * The capture loop, on its own thread: capture → {@link TileEncoder} → one 0x10 MEDIA to everyone
 * per body, at most {@code fps} times a second. The MEDIA mark (protocol README §12) lets the relay
 * drop for a viewer that is behind: a keyframe's first part is the refresh point, its other parts
 * must follow it, and a delta's parts are droppable (a viewer that lost one asks for a keyframe). While earlier messages still wait to be sent the
 * tick is skipped rather than queued (the encoder compares with what it last sent, so the next
 * frame carries every change since), and a keyframe that fell due waits for the next tick. A tick
 * on a screen where nothing was drawn since the last frame grabs and encodes nothing (X11 damage,
 * {@link ScreenCapture#captureIfChanged()}), unless a keyframe is due.
 */
public final class ScreenStream {
    private static final Logger LOG = Logger.getLogger(ScreenStream.class.getName());

    private final SessionClient client;
    private final ScreenCapture capture;
    private final KeyframeSchedule schedule;
    private final long frameNanos;
    private final Thread thread;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong idle = new AtomicLong();
    private volatile boolean running = true;
    /** The only epoch frames may be sealed in, or {@link #ANY_EPOCH}. */
    private volatile long onlyIn = ANY_EPOCH;
    private static final long ANY_EPOCH = -1;

    public ScreenStream(SessionClient client, ScreenCapture capture, KeyframeSchedule schedule, int fps) {
        this.client = client;
        this.capture = capture;
        this.schedule = schedule;
        this.frameNanos = 1_000_000_000L / fps;
        this.thread = Thread.ofPlatform().name("parley-capture").daemon().unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /**
     * From now on frames are sealed only in {@code epoch}, the one whose members were approved; a
     * frame that falls due after a newer key arrived, before anyone approved its holders, is not
     * sent (a keyframe repaints the screen once they are).
     */
    public void sendOnlyIn(long epoch) {
        onlyIn = epoch;
    }

    /** Ends the loop and waits for it: after this returns, no frame is sent. */
    public void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long started = System.nanoTime();
        int width = 0;
        int height = 0;
        capture.reuseFrames(); // the encoder keeps its own copy of what it sent
        try (TileEncoder encoder = new TileEncoder()) {
            for (long next = started; running; next += frameNanos) {
                LockSupport.parkNanos(next - System.nanoTime()); // pacing to the frame rate
                if (!running) {
                    break;
                }
                if (client.pendingSends() > 0) {
                    skipped.incrementAndGet();
                    continue;
                }
                boolean due = schedule.due();
                Optional<Frame> frame = due ? Optional.of(capture.capture()) : capture.captureIfChanged();
                if (frame.isEmpty()) {
                    idle.incrementAndGet(); // nothing drawn since the last frame: no grab, no encode, nothing sent
                    continue;
                }
                // the encoder sends a new screen size (xrandr) as a keyframe: mark it as one
                boolean keyframe = due || frame.get().width() != width || frame.get().height() != height;
                width = frame.get().width();
                height = frame.get().height();
                send(encoder.encode(frame.get(), keyframe), keyframe);
                long late = System.nanoTime() - next;
                if (late > frameNanos) {
                    next += late / frameNanos * frameNanos; // a slow frame: do not try to catch up in a burst
                }
            }
        } catch (IllegalStateException closed) {
            LOG.info(() -> "capture loop ended: " + closed.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "capture loop failed", e);
        }
    }

    private void send(List<byte[]> bodies, boolean keyframe) {
        long epoch = onlyIn;
        for (int part = 0; part < bodies.size(); part++) {
            byte[] body = bodies.get(part);
            int mark = mark(keyframe, part);
            try {
                if (epoch == ANY_EPOCH) {
                    client.sendMedia(TileFormat.KIND, body, 0, mark);
                } else {
                    client.sendMediaIn(epoch, TileFormat.KIND, body, 0, mark);
                }
            } catch (IllegalStateException keysMovedOn) {
                if (client.isClosed()) {
                    throw keysMovedOn;
                }
                // the keys are changing (the epoch we were told, or a fresh one whose members are not known yet)
                skipped.incrementAndGet();
                schedule.force(); // the viewers missed (part of) this frame
                return;
            }
            bytes.addAndGet(body.length);
        }
        if (!bodies.isEmpty()) {
            frames.incrementAndGet();
        }
    }

    /** README §12: where a viewer can start again, what must follow it, and what the relay may skip. */
    static int mark(boolean keyframe, int part) {
        if (!keyframe) {
            return MediaMark.DROPPABLE;
        }
        return part == 0 ? MediaMark.REFRESH_POINT : 0;
    }

    /** One line: frames and bytes sent, ticks skipped, ticks with nothing to capture. */
    public void report(PrintWriter out, long nanos) {
        double seconds = nanos / 1e9;
        out.printf(Locale.ROOT, "sent %d frames, %d bytes in %.1f s (%.1f frames/s, %.0f bytes/s); %d ticks skipped "
                + "while the send queue was busy; %d ticks idle (nothing drawn)%n", frames.get(), bytes.get(), seconds,
                frames.get() / seconds, bytes.get() / seconds, skipped.get(), idle.get());
        out.flush();
    }
}
