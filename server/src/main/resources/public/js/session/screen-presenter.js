/**
 * Presenting from the browser: the captured screen (getDisplayMedia) is encoded with WebCodecs
 * and each chunk sent to everyone as 0x14 (README §9).
 *
 * - Codec: the first of {@link CODECS} that VideoEncoder.isConfigSupported accepts at the size.
 *   VP8 comes first: every WebCodecs decoder has it, it encodes a 1080p screen in real time in
 *   software, and it needs no out-of-band description.
 * - Size: the track's own, at most 1920×1080 (scaled down, aspect kept, even sides for H.264).
 * - Pace: at most {@link FPS} frames a second; a frame that comes while the encoder is still busy
 *   with earlier ones is skipped rather than queued.
 * - Layers: two temporal layers (scalability mode L1T2) where the encoder can: every other frame is
 *   one nothing refers to, marked discardable (README §12), so the relay serves a viewer that is
 *   behind the base layer at half the frame rate, with no gap and no key chunk to wait for.
 * - Key chunks: the first, every {@link KEY_INTERVAL_MS}, after a chunk could not be sent, and
 *   on a viewer's 0x13 (at most one a second, however many viewers ask). A still screen yields no
 *   frames, so the last frame is encoded again as a key chunk: late joiners get a picture and
 *   viewers can tell a paused presenter from one who stopped.
 * - Bitrate: starts at the cap for the size, drops by a fifth when the socket backs up, creeps
 *   back while it stays clear.
 */
import { MediaMark } from '../protocol/envelope.js';
import { ScreenKind, encodeVideoChunk } from './screen-format.js';
import { ScreenStats, wallMicros } from './screen-stats.js';
import { readVideoFrames } from './video-frames.js';

export const CODECS = ['vp8', 'vp09.00.10.08', 'avc1.640028'];
const FPS = 30;
const SCALABILITY_MODE = 'L1T2';
const MAX_WIDTH = 1920;
const MAX_HEIGHT = 1080;
const KEY_INTERVAL_MS = 3000;
const KEY_REQUEST_GAP_MS = 1000;
const MAX_ENCODE_QUEUE = 0; // a frame waits for no other: latency over frame rate
const BACKED_UP_BYTES = 512 * 1024;
const MIN_BITRATE = 250_000;
/** The most a chunk may be: the relay's 1 MiB payload less the SFrame and 0x14 headers. */
const MAX_CHUNK_BYTES = (1 << 20) - 256;

/** The bitrate cap for a size: 2.5 Mbit/s at 1080p, less for smaller screens. */
export function bitrateCap(width, height) {
  return Math.max(MIN_BITRATE, Math.round(2_500_000 * Math.min(1, (width * height) / (1920 * 1080)) ** 0.75));
}

/** The encoded size for a captured size: at most 1920×1080, aspect kept, even sides. */
export function encodedSize(width, height) {
  const scale = Math.min(1, MAX_WIDTH / width, MAX_HEIGHT / height);
  return { width: Math.max(2, Math.floor((width * scale) / 2) * 2), height: Math.max(2, Math.floor((height * scale) / 2) * 2) };
}

export class ScreenPresenter extends EventTarget {
  #session;
  #stream = null;
  #track = null;
  #encoder = null;
  #codec = null;
  #layers = {}; // the scalability mode the encoder was configured with, if any
  #size = null;
  #bitrate = 0;
  #cap = 0;
  #lastFrame = null;
  #lastEncodedAt = -Infinity;
  #lastKeyAt = -Infinity;
  #lastKeyRequestAt = -Infinity;
  #forceKey = true;
  #configuring = false;
  #clearSince = 0;
  #timer = null;
  #scaler = null;
  #stopped = false;
  stats = new ScreenStats();

  /** @param {import('./session.js').Session} session */
  constructor(session) {
    super();
    this.#session = session;
  }

  static get supported() {
    return typeof globalThis.VideoEncoder === 'function' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  }

  /** The stream being shared (for the local preview). */
  get stream() {
    return this.#stream;
  }

  get codec() {
    return this.#codec;
  }

  /** Asks the person what to share (call from a click) and starts sending. Throws if they cancel. */
  async start() {
    this.#stream = await navigator.mediaDevices.getDisplayMedia({
      video: { frameRate: { ideal: FPS, max: FPS }, width: { max: 3840 }, height: { max: 2160 } },
      audio: false,
    });
    this.#track = this.#stream.getVideoTracks()[0];
    this.#track.addEventListener('ended', () => this.stop());
    if ('contentHint' in this.#track) this.#track.contentHint = 'detail';
    this.#timer = setInterval(() => this.#tick(), 500);
    readVideoFrames(this.#track, (frame) => this.#offer(frame), () => this.#stopped).catch((failed) => {
      if (!this.#stopped) {
        console.warn('screen presenter: capture failed', failed);
        this.stop();
      }
    });
  }

  /** A viewer asked for a key chunk (0x13). */
  keyframeRequested() {
    const now = performance.now();
    if (now - this.#lastKeyRequestAt < KEY_REQUEST_GAP_MS) return;
    this.#lastKeyRequestAt = now;
    this.#forceKey = true;
    if (this.#lastFrame !== null && now - this.#lastEncodedAt > 1000 / FPS) this.#encodeSafely(this.#lastFrame.clone(), now);
  }

  stop() {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#stream?.getTracks().forEach((t) => t.stop());
    this.#lastFrame?.close();
    this.#lastFrame = null;
    if (this.#encoder !== null && this.#encoder.state !== 'closed') this.#encoder.close();
    this.dispatchEvent(new Event('stopped'));
  }

  // ---- capture -----------------------------------------------------------------------------

  // takes ownership of the frame
  #offer(frame) {
    const now = performance.now();
    if (this.#stopped || now - this.#lastEncodedAt < 1000 / FPS - 5 || (this.#encoder?.encodeQueueSize ?? 0) > MAX_ENCODE_QUEUE) {
      frame.close();
      return;
    }
    this.#encodeSafely(frame, now);
  }

  #encodeSafely(frame, now) {
    this.#encode(frame, now).catch((failed) => {
      console.warn('screen presenter: a frame could not be encoded', failed);
      this.#forceKey = true;
    });
  }

  async #encode(frame, now) {
    const stamped = this.#scaled(frame);
    this.#lastFrame?.close();
    this.#lastFrame = stamped.clone();
    this.#lastEncodedAt = now;
    try {
      if (!(await this.#ready(stamped.displayWidth, stamped.displayHeight)) || this.#stopped) return;
      const key = this.#forceKey || now - this.#lastKeyAt >= KEY_INTERVAL_MS;
      if (key) {
        this.#forceKey = false;
        this.#lastKeyAt = now;
      }
      this.#encoder.encode(stamped, { keyFrame: key });
    } finally {
      stamped.close();
    }
  }

  // the frame at the encoded size, stamped with our wall clock (the viewers' latency estimate)
  #scaled(frame) {
    const { width, height } = encodedSize(frame.displayWidth, frame.displayHeight);
    const timestamp = Math.round(wallMicros());
    if (width === frame.displayWidth && height === frame.displayHeight) {
      const stamped = new VideoFrame(frame, { timestamp });
      frame.close();
      return stamped;
    }
    if (this.#scaler === null || this.#scaler.width !== width || this.#scaler.height !== height) {
      this.#scaler = new OffscreenCanvas(width, height);
    }
    this.#scaler.getContext('2d').drawImage(frame, 0, 0, width, height);
    frame.close();
    return new VideoFrame(this.#scaler, { timestamp });
  }

  // ---- the encoder -------------------------------------------------------------------------

  // whether the encoder is configured for this size; frames that come while it is being configured are skipped
  async #ready(width, height) {
    if (this.#configuring) return false;
    if (this.#encoder !== null && this.#encoder.state === 'configured' && this.#size.width === width && this.#size.height === height) return true;
    this.#configuring = true;
    try {
      return await this.#configure(width, height);
    } finally {
      this.#configuring = false;
    }
  }

  async #configure(width, height) {
    this.#cap = bitrateCap(width, height);
    this.#bitrate = this.#cap;
    const config = await this.#pickConfig(width, height);
    if (this.#stopped) return false;
    if (config === null) {
      this.dispatchEvent(new CustomEvent('failed', { detail: { message: 'This browser cannot encode video for sharing.' } }));
      this.stop();
      return false;
    }
    if (this.#encoder === null || this.#encoder.state === 'closed') {
      this.#encoder = new VideoEncoder({
        output: (chunk, metadata) => this.#send(chunk, metadata),
        error: (error) => {
          console.warn('screen presenter: encoder error', error);
          this.#encoder = null;
          this.#forceKey = true;
        },
      });
    }
    this.#encoder.configure(config);
    this.#codec = config.codec;
    this.#layers = config.scalabilityMode ? { scalabilityMode: config.scalabilityMode } : {};
    this.#size = { width, height };
    this.#forceKey = true;
    this.stats.current = { ...this.stats.current, codec: config.codec + (config.scalabilityMode ? ' ' + config.scalabilityMode : ''), width, height };
    return true;
  }

  // the first codec this browser encodes, with two temporal layers if it can, else one
  async #pickConfig(width, height) {
    for (const codec of CODECS) {
      for (const layers of [{ scalabilityMode: SCALABILITY_MODE }, {}]) {
        const config = this.#config(codec, width, height, this.#bitrate, layers);
        try {
          const { supported } = await VideoEncoder.isConfigSupported(config);
          if (supported) return config;
        } catch {
          // a codec string or mode this browser does not know: try the next
        }
      }
    }
    return null;
  }

  #config(codec, width, height, bitrate, layers) {
    return {
      codec, width, height, bitrate, framerate: FPS, latencyMode: 'realtime', bitrateMode: 'variable', ...layers,
      ...(codec.startsWith('avc1') ? { avc: { format: 'annexb' } } : {}),
    };
  }

  async #send(chunk, metadata) {
    if (this.#stopped) return;
    const key = chunk.type === 'key';
    const discardable = !key && (metadata?.svc?.temporalLayerId ?? 0) > 0;
    if (discardable && this.#session.bufferedAmount > BACKED_UP_BYTES / 2) return; // nothing needs it: no key chunk to force
    if (chunk.byteLength > MAX_CHUNK_BYTES || (!key && this.#session.bufferedAmount > BACKED_UP_BYTES)) {
      this.#backOff();
      return;
    }
    const body = encodeVideoChunk({ key, discardable, timestamp: chunk.timestamp, codec: this.#codec, ...this.#size, chunk });
    // README §12: a key chunk is where a viewer the relay skipped starts again; the others it may
    // skip, and the enhancement layer's without a gap
    const mark = key ? MediaMark.REFRESH_POINT : discardable ? MediaMark.DROPPABLE | MediaMark.DISCARDABLE : MediaMark.DROPPABLE;
    const sent = await this.#session.sendMedia(ScreenKind.VIDEO, body, { mark }).catch(() => false);
    if (!sent) {
      this.#backOff();
      return;
    }
    this.stats.received(body.length);
    this.stats.painted((wallMicros() - chunk.timestamp) / 1000); // capture to sent: the encoder's share of the delay
  }

  // a chunk was lost: the viewers' next delta would not decode, so the next frame is a key chunk
  #backOff() {
    this.#forceKey = true;
    this.#clearSince = performance.now();
    this.#setBitrate(Math.max(MIN_BITRATE, Math.round(this.#bitrate * 0.8)));
  }

  #tick() {
    const now = performance.now();
    if (this.#session.bufferedAmount > BACKED_UP_BYTES / 2) {
      this.#clearSince = now;
      this.#setBitrate(Math.max(MIN_BITRATE, Math.round(this.#bitrate * 0.8)));
    } else if (this.#bitrate < this.#cap && now - this.#clearSince > 4000) {
      this.#clearSince = now;
      this.#setBitrate(Math.min(this.#cap, Math.round(this.#bitrate * 1.15)));
    }
    // a still screen sends no frames: send the last one again as a key chunk now and then
    if (this.#lastFrame !== null && now - this.#lastEncodedAt >= KEY_INTERVAL_MS) {
      this.#forceKey = true;
      this.#encodeSafely(this.#lastFrame.clone(), now);
    }
  }

  #setBitrate(bitrate) {
    if (bitrate === this.#bitrate || this.#encoder === null || this.#encoder.state !== 'configured') return;
    this.#bitrate = bitrate;
    this.#encoder.configure(this.#config(this.#codec, this.#size.width, this.#size.height, bitrate, this.#layers));
  }

  /** The bitrate the encoder aims at now, in bit/s. */
  get bitrate() {
    return this.#bitrate;
  }
}
