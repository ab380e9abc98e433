package org.parley.agent.screen;

import static org.parley.agent.screen.Bodies.KEY_LAST;
import static org.parley.agent.screen.Bodies.LAST;
import static org.parley.agent.screen.Bodies.body;
import static org.parley.agent.screen.Bodies.concat;
import static org.parley.agent.screen.Bodies.copy;
import static org.parley.agent.screen.Bodies.header;
import static org.parley.agent.screen.Bodies.palette;
import static org.parley.agent.screen.Bodies.raw;
import static org.parley.agent.screen.Bodies.solid;
import static org.parley.agent.screen.Bodies.zlib;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Writes {@code protocol/src/test/resources/conformance/screen-tiles.json}, the 0x10 v2 vectors
 * both decoders run (README §9): bodies made by {@link TileEncoder} and by hand, each case's
 * expected picture hashed from this decoder's frame buffer, plus malformed bodies each decoder must
 * refuse. Regenerate (only when the format or the encoder changes on purpose) from the agent
 * module's folder with {@code java -cp <test classpath> org.parley.agent.screen.ScreenTilesVectorGenerator};
 * {@code ScreenTilesConformanceTest} checks every case of the file.
 */
final class ScreenTilesVectorGenerator {
    static final Path FILE = Path.of("../protocol/src/test/resources/conformance/screen-tiles.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private ScreenTilesVectorGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path target = args.length > 0 ? Path.of(args[0]) : FILE;
        Files.writeString(target, generate(), StandardCharsets.UTF_8);
        System.out.println("wrote " + target.toAbsolutePath());
    }

    static String generate() throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("about", "Screen tiles v2 (content kind 0x10, protocol README §9), checked by both decoders: Java "
                + "TileDecoder (ScreenTilesConformanceTest, agent) and the browser's screen-decode.js in Chromium. Each "
                + "message is the hex of one 0x10 body (without the kind byte), applied in order to a frame buffer of "
                + "width×height that starts black. A case with rgbSha256 decodes entirely and its final buffer, as RGB "
                + "bytes row-major, has that SHA-256; a case with malformedAt decodes every message before that index and "
                + "must refuse message malformedAt as malformed. Made by ScreenTilesVectorGenerator (agent tests) from "
                + "the Java encoder and by hand.");
        ArrayNode cases = root.putArray("cases");
        for (Case c : valid()) {
            cases.add(c.toJson(null));
        }
        for (Case c : malformed()) {
            cases.add(c.toJson(c.messages.size() - 1));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** One case: a screen size and its bodies. */
    record Case(String name, int width, int height, List<byte[]> messages) {
        ObjectNode toJson(Integer malformedAt) throws Exception {
            ObjectNode node = JSON.createObjectNode();
            node.put("name", name);
            node.put("width", width);
            node.put("height", height);
            ArrayNode list = node.putArray("messages");
            messages.forEach(m -> list.add(HEX.formatHex(m)));
            if (malformedAt == null) {
                node.put("rgbSha256", HEX.formatHex(sha256(decodeAll(this))));
            } else {
                node.put("malformedAt", malformedAt);
            }
            return node;
        }
    }

    static List<Case> valid() {
        List<Case> cases = new ArrayList<>();
        try (TileEncoder encoder = new TileEncoder()) {
            cases.add(encoded(encoder, "keyframe of RAW tiles (encoder)", TileEncoderTest.randomFrame(new Random(1), 100, 70)));
        }
        try (TileEncoder encoder = new TileEncoder()) {
            int[] grey = new int[130 * 70];
            Arrays.fill(grey, 0x2d3e50);
            cases.add(encoded(encoder, "keyframe of SOLID tiles (encoder)", new Frame(130, 70, grey)));
        }
        for (int colours : new int[] {2, 3, 4, 5, 16, 17, 200}) {
            try (TileEncoder encoder = new TileEncoder()) {
                int[] pixels = new int[61 * 37];
                Random random = new Random(colours);
                Arrays.setAll(pixels, i -> (i < colours ? i : random.nextInt(colours)) * 0x010203);
                cases.add(encoded(encoder, "keyframe of one PALETTE record, " + colours + " colours, "
                        + Palette.bits(colours) + "-bit indices, rows 61 pixels wide (encoder)", new Frame(61, 37, pixels)));
            }
        }
        try (TileEncoder encoder = new TileEncoder()) {
            Frame text = TileEncoderTest.textFrame(200, 120, 9);
            int[] changed = text.pixels().clone();
            for (int y = 40; y < 56; y++) {
                changed[y * 200 + 150] = 0xffffff;
            }
            Arrays.fill(changed, 100 * 200 + 20, 100 * 200 + 90, 0x6ee26e);
            List<byte[]> messages = new ArrayList<>(encoder.encode(text, true));
            messages.addAll(encoder.encode(new Frame(200, 120, changed), false));
            cases.add(check(new Case("text keyframe, then a change frame (encoder)", 200, 120, messages), changed));
        }
        try (TileEncoder encoder = new TileEncoder()) {
            int[] document = TileEncoderTest.document(200, 400, 13);
            List<byte[]> messages = new ArrayList<>();
            Frame last = null;
            for (int top : new int[] {40, 60, 47, 140}) {
                last = TileEncoderTest.window(document, 200, 150, top);
                messages.addAll(encoder.encode(last, top == 40));
            }
            cases.add(check(new Case("text scrolled up 20 rows, down 13, up 93: COPY records first (encoder)", 200, 150,
                    messages), last.pixels()));
        }
        try (TileEncoder encoder = new TileEncoder()) {
            Random random = new Random(14);
            int[] photo = new int[50 * 40];
            Arrays.setAll(photo, i -> random.nextInt(1 << 24));
            List<byte[]> messages = new ArrayList<>();
            int[] pixels = null;
            int[][] places = {{30, 40}, {37, 35}, {24, 44}};
            for (int[] place : places) {
                pixels = new int[160 * 120];
                Arrays.fill(pixels, 0x2d3e50);
                for (int y = 0; y < 40; y++) {
                    System.arraycopy(photo, y * 50, pixels, (place[1] + y) * 160 + place[0], 50);
                }
                messages.addAll(encoder.encode(new Frame(160, 120, pixels), place == places[0]));
            }
            cases.add(check(new Case("a window dragged by (7,−5) then (−13,9): 2-D COPY records (encoder)", 160, 120,
                    messages), pixels));
        }
        byte[] stripes = stripes(40, 30);
        cases.add(new Case("COPY up by 7 rows, overlapping (scrolling text up)", 40, 30,
                List.of(stripes, body(40, 30, 1, LAST, 2, copy(0, 0, 40, 23, 0, 7), solid(0, 23, 40, 7, 0xffffff)))));
        cases.add(new Case("COPY down by 5 rows, overlapping (scrolling text down)", 40, 30,
                List.of(stripes, body(40, 30, 1, LAST, 2, copy(0, 5, 40, 25, 0, 0), solid(0, 0, 40, 5, 0x000080)))));
        cases.add(new Case("COPY left and right within rows, overlapping, and a 2-D move", 40, 30,
                List.of(stripes, body(40, 30, 1, LAST, 3, copy(0, 0, 30, 10, 3, 0), copy(5, 10, 35, 10, 0, 10),
                        copy(10, 22, 20, 8, 13, 19)))));
        cases.add(new Case("a keyframe in two parts, then a change frame", 40, 30, List.of(
                body(40, 30, 0, 0b101, 2, solid(0, 0, 40, 15, 0x336699), raw(0, 0, 2, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9,
                    10, 11, 12})),
                body(40, 30, 0, KEY_LAST, 1, solid(0, 15, 40, 15, 0x993366)),
                body(40, 30, 1, LAST, 1, solid(39, 29, 1, 1, 0xfefefe)))));
        cases.add(new Case("a change frame in two parts", 40, 30, List.of(stripes,
                body(40, 30, 1, 0b100, 1, copy(0, 0, 40, 20, 0, 10)),
                body(40, 30, 1, LAST, 1, solid(0, 20, 40, 10, 0xabcdef)))));
        return cases;
    }

    static List<Case> malformed() {
        byte[] key = body(16, 8, 0, KEY_LAST, 1, solid(0, 0, 16, 8, 0x808080));
        byte[] pixel = solid(0, 0, 1, 1, 0x010203);
        List<Case> cases = new ArrayList<>();
        cases.add(bad("not a zlib stream", key, body(16, 8, 1, LAST, 1, 12, new byte[] {1, 2, 3, 4, 5, 6})));
        cases.add(bad("zlib stream truncated", key, body(16, 8, 1, LAST, 1, 12, Arrays.copyOf(zlib(pixel), 9))));
        cases.add(bad("inflates to more than inflatedLength", key, body(16, 8, 1, LAST, 1, 12, zlib(concat(pixel, pixel)))));
        cases.add(bad("inflates to fewer bytes than inflatedLength", key, body(16, 8, 1, LAST, 1, 24, zlib(pixel))));
        cases.add(bad("inflatedLength over 32 MiB", key, body(16, 8, 1, LAST, 1, (32 << 20) + 1, zlib(pixel))));
        cases.add(bad("bytes after the zlib stream", key, body(16, 8, 1, LAST, 1, 12, concat(zlib(pixel), new byte[] {0}))));
        cases.add(bad("V2 flag missing", key, body(16, 8, 1, 0b010, 1, pixel)));
        cases.add(bad("unknown flag bit 3", key, body(16, 8, 1, 0b1110, 1, pixel)));
        cases.add(bad("body shorter than the header", key, Arrays.copyOf(key, 12)));
        cases.add(bad("unknown encoding 7", key, body(16, 8, 1, LAST, 1, concat(header(0, 0, 1, 1, 7), new byte[3]))));
        cases.add(bad("retired v1 encoding 1", key, body(16, 8, 1, LAST, 1, concat(header(0, 0, 1, 1, 1), new byte[4]))));
        cases.add(bad("palette index ≥ n (3 colours, index 3)", key,
                body(16, 8, 1, LAST, 1, palette(0, 0, 3, 1, new int[] {1, 2, 3}, new int[] {0, 3, 1}))));
        cases.add(bad("palette of one colour", key, body(16, 8, 1, LAST, 1, concat(header(0, 0, 8, 1, 4), new byte[] {0, 1, 2, 3, 0}))));
        cases.add(bad("rect outside the screen (x + w > width)", key, body(16, 8, 1, LAST, 1, solid(10, 0, 7, 1, 0))));
        cases.add(bad("rect outside the screen (y + h > height)", key, body(16, 8, 1, LAST, 1, solid(0, 7, 1, 2, 0))));
        cases.add(bad("rect of width 0", key, body(16, 8, 1, LAST, 1, solid(0, 0, 0, 1, 0))));
        cases.add(bad("COPY source outside the screen", key, body(16, 8, 1, LAST, 1, copy(0, 0, 4, 4, 13, 0))));
        cases.add(bad("RAW larger than 256×256 pixels", key, body(300, 300, 1, LAST, 1, raw(0, 0, 257, 256,
                new byte[257 * 256 * 3]))));
        cases.add(bad("RAW payload short", key, body(16, 8, 1, LAST, 1, concat(header(0, 0, 2, 1, 2), new byte[5]))));
        cases.add(bad("fewer records than recordCount", key, body(16, 8, 1, LAST, 2, pixel)));
        cases.add(bad("bytes after the last record", key, body(16, 8, 1, LAST, 1, concat(pixel, new byte[] {0}))));
        cases.add(bad("JPEG length past the end of the records", key,
                body(16, 8, 1, LAST, 1, concat(header(0, 0, 1, 1, 6), new byte[] {0, 0, 0, 9, 1, 2}))));
        return cases;
    }

    private static Case bad(String name, byte[] key, byte[] malformed) {
        byte[] header = Arrays.copyOf(malformed, 4);
        int width = (header[0] & 0xff) << 8 | header[1] & 0xff;
        int height = (header[2] & 0xff) << 8 | header[3] & 0xff;
        if (width != 16 || height != 8) {
            // a different screen size needs a keyframe of that size first
            key = body(width, height, 0, KEY_LAST, 1, solid(0, 0, width, height, 0x808080));
        }
        return new Case(name, width, height, List.of(key, malformed));
    }

    /** Rows alternating every row between two colours, and a column pattern, so any wrong shift shows. */
    private static byte[] stripes(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (y * 8);
                rgb[i + 1] = (byte) (x * 6);
                rgb[i + 2] = (byte) ((x ^ y) * 5);
            }
        }
        return body(width, height, 0, KEY_LAST, 1, raw(0, 0, width, height, rgb));
    }

    private static Case encoded(TileEncoder encoder, String name, Frame frame) {
        return check(new Case(name, frame.width(), frame.height(), encoder.encode(frame, true)), frame.pixels());
    }

    private static Case check(Case c, int[] expected) {
        try (TileDecoder decoder = new TileDecoder()) {
            for (byte[] m : c.messages()) {
                decoder.apply(m);
            }
            if (!Arrays.equals(decoder.snapshot().orElseThrow().pixels(), expected)) {
                throw new IllegalStateException(c.name() + ": the encoder's bodies do not decode to its frame");
            }
        } catch (MalformedTilesException | KeyframeNeededException e) {
            throw new IllegalStateException(c.name(), e);
        }
        return c;
    }

    /** The final frame buffer of a valid case as RGB bytes, row-major. */
    static byte[] decodeAll(Case c) throws MalformedTilesException, KeyframeNeededException {
        try (TileDecoder decoder = new TileDecoder()) {
            for (byte[] m : c.messages()) {
                decoder.apply(m);
            }
            return rgb(decoder.snapshot().orElseThrow());
        }
    }

    static byte[] rgb(Frame frame) {
        byte[] rgb = new byte[frame.pixels().length * 3];
        for (int i = 0; i < frame.pixels().length; i++) {
            int p = frame.pixels()[i];
            rgb[i * 3] = (byte) (p >> 16);
            rgb[i * 3 + 1] = (byte) (p >> 8);
            rgb[i * 3 + 2] = (byte) p;
        }
        return rgb;
    }

    static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
