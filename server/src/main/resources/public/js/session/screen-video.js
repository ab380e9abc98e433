/**
 * Plays a browser presenter's 0x14 video chunks (README §9) with WebCodecs: the decoder is
 * configured from a key chunk's codec string and size, and each decoded frame is drawn onto the
 * canvas at its own size (CSS scales the canvas to fit).
 *
 * Nothing queues without bound: a chunk of the enhancement layer (which nothing refers to) is
 * skipped once a few wait; while the decoder is behind by more than a few chunks, delta
 * chunks are dropped until the next key chunk, which we ask for (0x13). A decode error, a delta
 * before any key chunk or a change of codec or size also waits for, and asks for, a key chunk.
 */
import { ScreenCanvas } from './screen-canvas.js';
import { parseVideoChunk } from './screen-format.js';
import { wallMicros } from './screen-stats.js';

const MAX_DECODE_QUEUE = 6;

export class VideoScreen {
  #screen;
  #hooks;
  #decoder = null;
  #config = null; // "codec width height" the decoder was configured for
  #waitingForKey = true;
  #closed = false;

  /**
   * @param {HTMLCanvasElement} canvas
   * @param {import('./screen-canvas.js').ScreenHooks} hooks
   */
  constructor(canvas, hooks) {
    this.#screen = new ScreenCanvas(canvas);
    this.#hooks = hooks;
  }

  static get supported() {
    return typeof globalThis.VideoDecoder === 'function';
  }

  /** One 0x14 body (throws MalformedScreenError when it is not one). */
  receive(body) {
    if (this.#closed) return;
    const chunk = parseVideoChunk(body);
    this.#hooks.stats.received(body.length);
    const config = `${chunk.codec} ${chunk.width} ${chunk.height}`;
    if (chunk.key && config !== this.#config) this.#configure(chunk, config);
    if (this.#decoder === null || this.#decoder.state !== 'configured') return this.#waitForKey();
    if (!chunk.key && config !== this.#config) return this.#waitForKey();
    if (chunk.key) this.#waitingForKey = false;
    else if (this.#waitingForKey) return undefined;
    else if (chunk.discardable && this.#decoder.decodeQueueSize > MAX_DECODE_QUEUE / 2) return undefined; // nothing refers to it
    else if (this.#decoder.decodeQueueSize > MAX_DECODE_QUEUE) return this.#waitForKey();
    try {
      this.#decoder.decode(new EncodedVideoChunk({ type: chunk.key ? 'key' : 'delta', timestamp: chunk.timestamp, data: chunk.data }));
    } catch (refused) {
      console.warn('screen video: chunk refused', refused);
      this.#reset();
    }
    return undefined;
  }

  close() {
    this.#closed = true;
    if (this.#decoder !== null && this.#decoder.state !== 'closed') this.#decoder.close();
    this.#decoder = null;
  }

  #configure(chunk, config) {
    if (this.#decoder === null || this.#decoder.state === 'closed') {
      this.#decoder = new VideoDecoder({
        output: (frame) => this.#draw(frame),
        error: (error) => {
          console.warn('screen video: decoder error', error);
          this.#decoder = null;
          this.#config = null;
          this.#waitForKey();
        },
      });
    }
    this.#decoder.configure({ codec: chunk.codec, codedWidth: chunk.width, codedHeight: chunk.height, optimizeForLatency: true });
    this.#config = config;
    this.#hooks.stats.current = { ...this.#hooks.stats.current, codec: chunk.codec, width: chunk.width, height: chunk.height };
  }

  #draw(frame) {
    try {
      if (this.#closed) return;
      const w = frame.displayWidth;
      const h = frame.displayHeight;
      this.#screen.fit(w, h);
      this.#screen.context.drawImage(frame, 0, 0, w, h);
      this.#hooks.stats.painted((wallMicros() - frame.timestamp) / 1000);
    } finally {
      frame.close();
    }
  }

  #waitForKey() {
    this.#waitingForKey = true;
    this.#hooks.requestKeyframe();
    return undefined;
  }

  #reset() {
    if (this.#decoder !== null && this.#decoder.state !== 'closed') this.#decoder.close();
    this.#decoder = null;
    this.#config = null;
    this.#waitForKey();
  }
}
