package org.parley.agent.screen;

/**
 * The constants of the 0x10 screen-tile message (protocol README §9). A message body (the DATA
 * plaintext after the kind byte) is {@code u16 screenWidth, u16 screenHeight, u32 frame, u8 flags,
 * u16 tileCount}, then per tile {@code u16 x, u16 y, u16 w, u16 h, u8 encoding, u32 length,
 * bytes[length]}; big-endian.
 */
public final class TileFormat {
    /** The DATA content kind of screen tiles. */
    public static final int KIND = 0x10;
    /** The DATA content kind of a viewer's keyframe request (empty body). */
    public static final int KEYFRAME_REQUEST_KIND = 0x13;
    /** Presenter → everyone, empty: sharing stopped, so viewers clear the stage at once (README §9). */
    public static final int SHARING_STOPPED_KIND = 0x17;
    /** Flag bit 0: every tile of the screen is in this frame. */
    public static final int FLAG_KEYFRAME = 1;
    /** Flag bit 1: the last part of this frame. */
    public static final int FLAG_LAST_PART = 2;
    /** Encoding 1: RGB, 3 bytes a pixel, row-major, zlib (RFC 1950). */
    public static final int ENCODING_ZLIB_RGB = 1;
    /** Side of the tiles this agent sends (edge tiles are smaller). */
    public static final int TILE_SIDE = 64;
    /**
     * Largest DATA plaintext we send, the kind byte included: the relay refuses envelope payloads
     * over 1 MiB, and sealing adds the SFrame header (at most 17 bytes) and the 16-byte tag.
     */
    public static final int MAX_PLAINTEXT = (1 << 20) - 64;
    /** Largest body (plaintext after the kind byte). */
    public static final int MAX_BODY = MAX_PLAINTEXT - 1;

    static final int HEADER_BYTES = 11;
    static final int TILE_HEADER_BYTES = 13;
    static final int MAX_TILES_PER_MESSAGE = 0xffff;
    /** Frames larger than 8K UHD are refused: a peer must not make us allocate gigabytes. */
    static final int MAX_SIDE = 8192;
    static final long MAX_PIXELS = 7680L * 4320L;

    private TileFormat() {
    }
}
