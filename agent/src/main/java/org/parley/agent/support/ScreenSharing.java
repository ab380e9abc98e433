package org.parley.agent.support;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Consumer;
import org.parley.agent.present.ScreenStream;
import org.parley.agent.present.SharedArea;
import org.parley.agent.screen.KeyframeSchedule;
import org.parley.agent.screen.ScreenCapture;
import org.parley.protocol.client.SessionClient;

/**
 * The customer's screen going out: started when the consents allow it, sealed only in the epoch
 * whose holders were all allowed, stopped — its numbers printed — the moment they do not.
 */
final class ScreenSharing {
    private static final Duration PERIODIC_KEYFRAME = Duration.ofSeconds(10);
    private static final Duration KEYFRAME_REQUEST_GAP = Duration.ofMillis(500);

    private final KeyframeSchedule schedule = new KeyframeSchedule(PERIODIC_KEYFRAME, KEYFRAME_REQUEST_GAP);
    private final ScreenCapture capture;
    private final SharedArea area;
    private final int fps;
    private final PrintWriter out;
    private final Consumer<String> say;
    private ScreenStream stream;
    private long started;

    ScreenSharing(ScreenCapture capture, SharedArea area, int fps, PrintWriter out, Consumer<String> say) {
        this.capture = capture;
        this.area = area;
        this.fps = fps;
        this.out = out;
        this.say = say;
    }

    /** Sends the screen to the room's members, sealed in {@code epoch} only; starts the stream if it is not running. */
    void showIn(Room room, long epoch) {
        if (stream == null) {
            schedule.force();
            stream = new ScreenStream(room.client(), capture, schedule, fps);
            // sealed only in the epoch whose holders were all allowed: a key that arrives for a
            // newcomer switches the session's epoch before we learn who got it
            stream.sendOnlyIn(epoch);
            started = System.nanoTime();
            stream.start();
            say.accept("sharing this screen with " + room.names() + ": " + area.describe());
            area.announce(room.client());
        }
        stream.sendOnlyIn(epoch);
    }

    void stop() {
        if (stream != null) {
            stream.stop();
            stream.report(out, System.nanoTime() - started);
            stream = null;
        }
    }

    boolean showing() {
        return stream != null;
    }

    /** Newcomers have seen nothing of the screen: the next frame is whole. */
    void newcomers() {
        schedule.force();
    }

    /** A viewer lost frames: a whole one soon, and the monitors again if due. */
    void keyframeRequested(SessionClient client) {
        schedule.request();
        if (stream != null) {
            area.announceIfDue(client);
        }
    }

    /** A viewer picks which monitor is shown; returns what to tell the customer. */
    String monitorRequested(SessionClient client, int from, byte[] body) {
        return area.requested(client, from, body);
    }
}
