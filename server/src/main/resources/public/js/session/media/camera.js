/**
 * Our webcam (protocol README §9a): each captured frame is encoded twice with WebCodecs — 640×360
 * (the high layer) and 320×180 (the low layer, simulcast) — and each chunk sent as 0x21 in MEDIA,
 * the layer in the mark's stream bits, so the relay gives a slow receiver the low layer alone
 * (§12). Two temporal layers (L1T2) where the encoder has them: every other chunk is discardable.
 * Key chunks: the first, every {@link KEY_INTERVAL_MS} per layer, after a chunk could not be sent,
 * and on a receiver's 0x24 (at most once per layer per {@link KEY_REQUEST_GAP_MS}).
 */
import { wallMicros } from '../screen-stats.js';
import { readVideoFrames } from '../video-frames.js';
import { Layer, MediaKind, cameraMark, encodeCameraChunk } from './media-format.js';

const CODECS = ['vp8', 'vp09.00.10.08'];
const FPS = 24;
const KEY_INTERVAL_MS = 5000;
const KEY_REQUEST_GAP_MS = 500;
const BACKED_UP_BYTES = 256 * 1024;
const LAYERS = [
  { layer: Layer.HIGH, width: 640, height: 360, bitrate: 600_000 },
  { layer: Layer.LOW, width: 320, height: 180, bitrate: 150_000 },
];

/** One layer's encoder and its key-chunk bookkeeping. */
class LayerEncoder {
  spec;
  encoder = null;
  codec = null;
  scaler;
  forceKey = true;
  lastKeyAt = -Infinity;
  lastRequestAt = -Infinity;

  constructor(spec) {
    this.spec = spec;
    this.scaler = new OffscreenCanvas(spec.width, spec.height);
  }
}

/** Events: 'failed' {message}. */
export class Camera extends EventTarget {
  #session;
  #stream = null;
  #layers = [];
  #stopped = true;
  #lastFrameAt = -Infinity;
  deviceId = null;

  constructor(session) {
    super();
    this.#session = session;
  }

  static get supported() {
    return typeof globalThis.VideoEncoder === 'function' && typeof navigator.mediaDevices?.getUserMedia === 'function';
  }

  get on() {
    return !this.#stopped;
  }

  /** The camera's stream, for the self view. */
  get stream() {
    return this.#stream;
  }

  /** Opens the camera (the browser asks once) and starts sending; call from a click. */
  async start(deviceId = null) {
    const video = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: FPS, max: 30 } };
    if (deviceId) video.deviceId = { exact: deviceId };
    const stream = await navigator.mediaDevices.getUserMedia({ video });
    this.stop();
    this.#stream = stream;
    this.#stopped = false;
    const track = stream.getVideoTracks()[0];
    this.deviceId = track.getSettings().deviceId ?? deviceId;
    track.addEventListener('ended', () => {
      this.stop();
      this.dispatchEvent(new CustomEvent('failed', { detail: { message: 'The camera stopped (unplugged or taken by another program).' } }));
    });
    this.#layers = [];
    for (const spec of LAYERS) {
      const layer = new LayerEncoder(spec);
      if (await this.#configure(layer)) this.#layers.push(layer);
    }
    if (this.#layers.length === 0) {
      this.stop();
      throw new Error('This browser cannot encode video from the camera.');
    }
    readVideoFrames(track, (frame) => this.#offer(frame), () => this.#stopped).catch((failed) => {
      if (!this.#stopped) console.warn('camera: capture failed', failed);
    });
  }

  stop() {
    this.#stopped = true;
    this.#stream?.getTracks().forEach((t) => t.stop());
    this.#stream = null;
    for (const layer of this.#layers) if (layer.encoder?.state !== 'closed') layer.encoder?.close();
    this.#layers = [];
  }

  /** A receiver's 0x24. */
  keyRequested(which) {
    const layer = this.#layers.find((l) => l.spec.layer === which);
    const now = performance.now();
    if (!layer || now - layer.lastRequestAt < KEY_REQUEST_GAP_MS) return;
    layer.lastRequestAt = now;
    layer.forceKey = true;
  }

  async #configure(layer) {
    for (const codec of CODECS) {
      for (const modes of [{ scalabilityMode: 'L1T2' }, {}]) {
        const config = {
          codec, width: layer.spec.width, height: layer.spec.height, bitrate: layer.spec.bitrate, framerate: FPS,
          latencyMode: 'realtime', bitrateMode: 'variable', ...modes,
        };
        try {
          if (!(await VideoEncoder.isConfigSupported(config)).supported) continue;
        } catch {
          continue;
        }
        layer.encoder = new VideoEncoder({
          output: (chunk, metadata) => this.#send(layer, chunk, metadata),
          error: (error) => {
            console.warn('camera: encoder error', error);
            layer.forceKey = true;
          },
        });
        layer.encoder.configure(config);
        layer.codec = codec;
        return true;
      }
    }
    return false;
  }

  // takes ownership of the frame
  #offer(frame) {
    const now = performance.now();
    try {
      if (this.#stopped || now - this.#lastFrameAt < 1000 / FPS - 5) return;
      this.#lastFrameAt = now;
      const timestamp = Math.round(wallMicros());
      for (const layer of this.#layers) {
        if (layer.encoder?.state !== 'configured' || layer.encoder.encodeQueueSize > 1) continue;
        const { width, height } = layer.spec;
        layer.scaler.getContext('2d').drawImage(frame, 0, 0, width, height);
        const scaled = new VideoFrame(layer.scaler, { timestamp });
        const key = layer.forceKey || now - layer.lastKeyAt >= KEY_INTERVAL_MS;
        if (key) {
          layer.forceKey = false;
          layer.lastKeyAt = now;
        }
        try {
          layer.encoder.encode(scaled, { keyFrame: key });
        } finally {
          scaled.close();
        }
      }
    } finally {
      frame.close();
    }
  }

  async #send(layer, chunk, metadata) {
    if (this.#stopped) return;
    const key = chunk.type === 'key';
    const discardable = !key && (metadata?.svc?.temporalLayerId ?? 0) > 0;
    const busy = this.#session.bufferedAmount;
    // our own uplink is behind: the high layer and the enhancement chunks go first
    if (!key && (busy > BACKED_UP_BYTES || (busy > BACKED_UP_BYTES / 2 && (discardable || layer.spec.layer === Layer.HIGH)))) {
      if (!discardable) layer.forceKey = true;
      return;
    }
    const body = encodeCameraChunk({
      key, discardable, layer: layer.spec.layer, timestamp: chunk.timestamp, codec: layer.codec, width: layer.spec.width, height: layer.spec.height, chunk,
    });
    const sent = await this.#session.sendMedia(MediaKind.CAMERA, body, { mark: cameraMark({ key, discardable, layer: layer.spec.layer }) })
      .catch(() => false);
    if (!sent && !discardable) layer.forceKey = true;
  }
}
