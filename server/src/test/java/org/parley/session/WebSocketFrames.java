package org.parley.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The payloads of the WebSocket frames a client sent on one recorded connection, unmasked. A
 * client masks every frame (RFC 6455 §5.3), so a plaintext it sent would not show in the raw bytes;
 * searching the unmasked payloads keeps the traffic check from passing for that reason.
 */
final class WebSocketFrames {
    private WebSocketFrames() {
    }

    /** Unmasked payloads of the client's frames, or nothing when the connection was not a WebSocket. */
    static byte[] clientPayloads(byte[] up) {
        String text = new String(up, StandardCharsets.ISO_8859_1);
        int headersEnd = text.indexOf("\r\n\r\n");
        if (headersEnd < 0 || !text.substring(0, headersEnd).toLowerCase(Locale.ROOT).contains("upgrade: websocket")) {
            return new byte[0];
        }
        var payloads = new ByteArrayOutputStream();
        int at = headersEnd + 4;
        while (at + 2 <= up.length) {
            boolean masked = (up[at + 1] & 0x80) != 0;
            long length = up[at + 1] & 0x7f;
            at += 2;
            if (length == 126) {
                length = (up[at] & 0xff) << 8 | (up[at + 1] & 0xff);
                at += 2;
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = length << 8 | (up[at + i] & 0xff);
                }
                at += 8;
            }
            byte[] mask = new byte[4];
            if (masked) {
                System.arraycopy(up, at, mask, 0, 4);
                at += 4;
            }
            for (long i = 0; i < length && at < up.length; i++, at++) {
                payloads.write(up[at] ^ mask[(int) (i % 4)]);
            }
        }
        return payloads.toByteArray();
    }
}
