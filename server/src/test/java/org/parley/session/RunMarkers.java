package org.parley.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The secrets of one blind-server run, fresh each time so no earlier run can leave them behind:
 * a marker for chat, a marker for binary content, and a control — the meeting's subject — that
 * the server does keep.
 */
record RunMarkers(Needles chat, Needles data, Needles subject) {
    /**
     * The kind of the binary content: in the application range (README §8: 0x10–0x1f) but defined by
     * no feature (§9 stops at 0x14), so every client passes it over without trying to decode it.
     */
    static final int CONTENT_KIND = 0x1f;
    private static final SecureRandom RANDOM = new SecureRandom();

    static RunMarkers fresh() {
        String run = HexFormat.of().formatHex(randomBytes(12));
        return new RunMarkers(new Needles("MARKER-chat-" + run), new Needles("MARKER-data-" + run),
                new Needles("CONTROL-subject-" + run));
    }

    /** What is said in the session and must not reach the server in any form. */
    List<Needles> said() {
        return List.of(chat, data);
    }

    /** Binary content with the data marker as UTF-8, UTF-16 and base64, between random bytes. */
    byte[] binaryContent() {
        var out = new ByteArrayOutputStream();
        out.writeBytes(randomBytes(17));
        out.writeBytes(data.secret().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(randomBytes(5));
        out.writeBytes(data.secret().getBytes(StandardCharsets.UTF_16LE));
        out.writeBytes(Base64.getEncoder().encode(data.secret().getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(randomBytes(9));
        return out.toByteArray();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
