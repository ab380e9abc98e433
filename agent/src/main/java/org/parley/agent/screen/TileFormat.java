package org.parley.agent.screen;

/**
 * The constants of the 0x10 screen-tile message, layout v2 (protocol README §9). A message body
 * (the DATA plaintext after the kind byte) is {@code u16 screenWidth, u16 screenHeight, u32 frame,
 * u8 flags, u16 recordCount, u32 inflatedLength}, then one zlib stream (RFC 1950) that inflates to
 * exactly {@code inflatedLength} bytes: the records, each {@code u16 x, u16 y, u16 w, u16 h,
 * u8 encoding} and its payload; big-endian.
 */
public final class TileFormat {
    /** The DATA content kind of screen tiles. */
    public static final int KIND = 0x10;
    /** The DATA content kind of a viewer's keyframe request (empty body). */
    public static final int KEYFRAME_REQUEST_KIND = 0x13;
    /** Presenter → everyone, empty: sharing stopped, so viewers clear the stage at once (README §9). */
    public static final int SHARING_STOPPED_KIND = 0x17;
    /** Flag bit 0: every pixel of the screen is in this frame. */
    public static final int FLAG_KEYFRAME = 1;
    /** Flag bit 1: the last part of this frame. */
    public static final int FLAG_LAST_PART = 2;
    /** Flag bit 2: layout v2; a body without it is refused (v1 is gone). */
    public static final int FLAG_V2 = 4;
    /** Encoding 2: RGB, 3 bytes a pixel, row-major; at most {@link #MAX_TILE_PIXELS} pixels. */
    public static final int ENCODING_RAW = 2;
    /** Encoding 3: one RGB colour for the whole rectangle. */
    public static final int ENCODING_SOLID = 3;
    /** Encoding 4: {@code u8 n−1}, n RGB colours, then 1/2/4/8-bit indices, each row byte-aligned. */
    public static final int ENCODING_PALETTE = 4;
    /** Encoding 5: {@code u16 srcX, u16 srcY}: copy that rectangle of the frame buffer (overlap allowed). */
    public static final int ENCODING_COPY = 5;
    /** Encoding 6: {@code u32 length}, a baseline JPEG of exactly w×h (lossy). */
    public static final int ENCODING_JPEG = 6;
    /** Side of the change-detection tiles this agent uses (edge tiles are smaller). */
    public static final int TILE_SIDE = 64;
    /**
     * Largest DATA plaintext we send, the kind byte included: the relay refuses envelope payloads
     * over 1 MiB, and sealing adds the SFrame header (at most 17 bytes) and the 16-byte tag.
     */
    public static final int MAX_PLAINTEXT = (1 << 20) - 64;
    /** Largest body (plaintext after the kind byte). */
    public static final int MAX_BODY = MAX_PLAINTEXT - 1;
    /** Largest {@code inflatedLength} a decoder accepts (32 MiB): checked before inflating. */
    public static final int MAX_INFLATED = 32 << 20;
    /** Largest rectangle of a RAW, PALETTE or JPEG record (256×256). */
    public static final int MAX_TILE_PIXELS = 65536;

    static final int HEADER_BYTES = 15;
    static final int RECORD_HEADER_BYTES = 9;
    static final int MAX_RECORDS_PER_MESSAGE = 0xffff;
    /** Frames larger than 8K UHD are refused: a peer must not make us allocate gigabytes. */
    static final int MAX_SIDE = 8192;
    static final long MAX_PIXELS = 7680L * 4320L;

    private TileFormat() {
    }
}
