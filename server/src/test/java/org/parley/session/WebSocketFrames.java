package org.parley.session;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The messages one side of a recorded WebSocket sent, as it wrote them before framing: unmasked
 * and, where permessage-deflate was negotiated, inflated. A client masks every frame (RFC 6455
 * §5.3) and a browser compresses its messages (RFC 7692), so a plaintext it sent would not show in
 * the raw bytes; searching the messages keeps the traffic check from passing for that reason.
 */
final class WebSocketFrames {
    // RFC 7692 §7.2.2: the sender removed this tail of each compressed message; the reader puts it back
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    private final Inflater inflater = new Inflater(true);
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private boolean compressed;

    private WebSocketFrames() {
    }

    /** The messages in {@code stream} from byte {@code at} on, one after another; control frames' payloads too. */
    static byte[] messages(byte[] stream, int at, boolean deflate) {
        var frames = new WebSocketFrames();
        try {
            frames.read(stream, at, deflate);
        } finally {
            frames.inflater.end();
        }
        return frames.messages.toByteArray();
    }

    private void read(byte[] in, int at, boolean deflate) {
        while (at + 2 <= in.length) {
            boolean fin = (in[at] & 0x80) != 0;
            boolean rsv1 = (in[at] & 0x40) != 0;
            int opcode = in[at] & 0x0f;
            boolean masked = (in[at + 1] & 0x80) != 0;
            long length = in[at + 1] & 0x7f;
            at += 2;
            if (length == 126) {
                length = (in[at] & 0xff) << 8 | (in[at + 1] & 0xff);
                at += 2;
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = length << 8 | (in[at + i] & 0xff);
                }
                at += 8;
            }
            byte[] mask = new byte[4];
            if (masked) {
                System.arraycopy(in, at, mask, 0, 4);
                at += 4;
            }
            var payload = new ByteArrayOutputStream();
            for (long i = 0; i < length && at < in.length; i++, at++) {
                payload.write(in[at] ^ mask[(int) (i % 4)]);
            }
            if (opcode >= 0x8) {
                messages.writeBytes(payload.toByteArray()); // control frames are never compressed nor fragmented
                continue;
            }
            if (opcode != 0x0) {
                compressed = deflate && rsv1; // the first frame of a message says whether it is compressed
            }
            message.writeBytes(payload.toByteArray());
            if (fin || at >= in.length) {
                finishMessage();
            }
        }
    }

    private void finishMessage() {
        if (!compressed) {
            messages.writeBytes(message.toByteArray());
        } else {
            message.writeBytes(TAIL);
            inflater.setInput(message.toByteArray());
            byte[] buffer = new byte[16384];
            try {
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    messages.write(buffer, 0, n);
                }
            } catch (DataFormatException e) {
                throw new AssertionError("cannot inflate a recorded WebSocket message; the search would miss what it holds", e);
            }
            if (inflater.finished()) {
                inflater.reset(); // the sender ended its stream; its next message starts a new one
            }
        }
        messages.write(0);
        message.reset();
    }
}
