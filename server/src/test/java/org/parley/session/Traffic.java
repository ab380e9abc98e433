package org.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

/**
 * Every connection a {@link RecordingProxy} passed on, as text to search (one char per byte): the
 * raw bytes both ways, and what they carry as its sender wrote it — response bodies before their
 * Content-Encoding, WebSocket messages unmasked and inflated.
 */
public final class Traffic {
    private Traffic() {
    }

    public static String of(List<RecordingProxy.Recorded> connections) {
        var all = new StringBuilder();
        for (var c : connections) {
            byte[] up = c.upBytes();
            byte[] down = c.downBytes();
            var responses = HttpResponses.read(down);
            all.append(Needles.bytesAsText(up)).append('\0').append(Needles.bytesAsText(down)).append('\0')
                    .append(Needles.bytesAsText(responses.bodies())).append('\0');
            if (responses.upgraded()) {
                all.append(webSocket(up, down, responses)).append('\0');
            }
        }
        return all.toString();
    }

    /**
     * Both directions of one WebSocket. Every participant's first message is its JOIN and the relay's
     * first is a ROSTER snapshot: finding them read back proves the unmasking and inflating worked.
     */
    private static String webSocket(byte[] up, byte[] down, HttpResponses responses) {
        String request = Needles.bytesAsText(up);
        // a kept-alive connection may carry ordinary requests before the upgrade: the frames follow the upgrade's headers
        int upgrade = request.toLowerCase(Locale.ROOT).indexOf("upgrade: websocket");
        assertThat(upgrade).as("a WebSocket upgrade request on an upgraded connection").isNotNegative();
        int requestEnd = request.indexOf("\r\n\r\n", upgrade);
        String fromClient = Needles.bytesAsText(WebSocketFrames.messages(up, requestEnd + 4, responses.deflate()));
        String fromServer = Needles.bytesAsText(WebSocketFrames.messages(down, responses.upgradedAt(), responses.deflate()));
        String how = responses.deflate() ? " (permessage-deflate)" : "";
        assertThat(fromClient).as("control: the client's JOIN is read back%s", how).contains("\"publicKey\"");
        assertThat(fromServer).as("control: the relay's ROSTER is read back%s", how).contains("\"snapshot\"");
        return fromClient + '\0' + fromServer;
    }
}
