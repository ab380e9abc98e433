/**
 * Shows a desktop agent's 0x10 screen bodies (README §9, format v2) on a canvas. The decoding
 * happens in a module Worker (screen-worker.js), which owns the frame buffer, checks the frame
 * numbers and asks for a keyframe when something is missing; this page only draws what it hands
 * over, once per display frame, inside requestAnimationFrame.
 *
 * Keeping up: the worker has at most one picture out at a time, the area changed since the last
 * one; while the page draws, newer bodies keep being decoded and stale frames are never drawn.
 * Each body is acknowledged (`ack`, media flow control, README §12) once the worker is done with it.
 */
import { ScreenCanvas } from './screen-canvas.js';

// Behind by this much the worker cannot catch up soon: deltas are dropped until a keyframe. The relay's
// flow control (README §12) normally keeps us far below; this bounds memory where it is absent (DATA).
const MAX_WAITING_BODIES = 300;
const MAX_WAITING_BYTES = 32 * 1024 * 1024;

export class TileScreen {
  #screen;
  #hooks;
  #worker;
  #acks = []; // one per body handed to the worker, in order (it finishes them in order): [ack, bytes]
  #waitingBytes = 0;
  #closed = false;

  /**
   * @param {HTMLCanvasElement} canvas
   * @param {import('./screen-canvas.js').ScreenHooks} hooks
   */
  constructor(canvas, hooks) {
    this.#screen = new ScreenCanvas(canvas);
    this.#hooks = hooks;
    this.#worker = new Worker(new URL('./screen-worker.js', import.meta.url), { type: 'module', name: 'screen' });
    this.#worker.onmessage = ({ data }) => this.#heard(data);
    this.#worker.onerror = (event) => console.warn('screen worker failed', event.message);
  }

  /**
   * One 0x10 body from the presenter, and the function that acknowledges it (absent for DATA).
   * Returns at once; the worker decodes in order and the page paints when it is done.
   * @param {Uint8Array} body
   * @param {(() => void)|undefined} ack
   */
  receive(body, ack) {
    if (this.#closed) {
      ack?.();
      return;
    }
    this.#hooks.stats.received(body.length);
    const keyframe = body.length > 8 && (body[8] & 1) !== 0;
    if (!keyframe && (this.#acks.length >= MAX_WAITING_BODIES || this.#waitingBytes + body.length > MAX_WAITING_BYTES)) {
      this.#worker.postMessage({ skipped: true }); // deltas wait for a keyframe now, and the worker asks for one
      ack?.();
      return;
    }
    this.#acks.push([ack, body.length]);
    this.#waitingBytes += body.length;
    const copy = body.slice(); // the body may be a view into a buffer someone else holds
    this.#worker.postMessage({ body: copy }, [copy.buffer]);
  }

  #heard(data) {
    if (this.#closed) {
      data.pictures?.forEach((p) => p.bitmap.close());
      return;
    }
    if (data.done) {
      const [ack, bytes] = this.#acks.shift();
      this.#waitingBytes -= bytes;
      this.#hooks.stats.counted(data.received, data.lost);
      ack?.();
    } else if (data.keyframe) {
      this.#hooks.requestKeyframe();
    } else if (data.pictures) {
      requestAnimationFrame(() => this.#draw(data));
    }
  }

  #draw({ pictures, width, height, frames }) {
    if (this.#closed) {
      pictures.forEach((p) => p.bitmap.close());
      return;
    }
    this.#screen.fit(width, height);
    for (const { bitmap, x, y } of pictures) {
      this.#screen.context.drawImage(bitmap, x, y);
      bitmap.close();
    }
    if (frames > 0) this.#hooks.stats.painted();
    this.#worker.postMessage({ ready: true });
  }

  /** Paints nothing more (the canvas goes to another presenter); what was handed over counts as done. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#worker.terminate();
    for (const [ack] of this.#acks.splice(0)) ack?.();
    this.#waitingBytes = 0;
  }
}
