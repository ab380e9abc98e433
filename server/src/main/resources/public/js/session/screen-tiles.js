/**
 * Paints a desktop agent's 0x10 screen tiles (README §9) onto a canvas, which is the frame
 * buffer: each message's tiles are inflated (zlib, RFC 1950, via DecompressionStream) and put
 * at their place, so the canvas always holds the screen as far as we know it.
 *
 * Frame numbers tell when we missed something: a delta frame that is not the one after the
 * last, or any delta before our first keyframe, asks the presenter for a keyframe (0x13).
 * Messages are painted strictly in arrival order, and at most a few wait to be inflated.
 */
import { ScreenCanvas } from './screen-canvas.js';
import { MalformedScreenError, parseTiles } from './screen-format.js';

const MAX_WAITING = 16;

export class TileScreen {
  #screen;
  #hooks;
  #chain = Promise.resolve();
  #waiting = 0;
  #lastFrame = null; // the frame number of the last message painted
  #lastComplete = false;
  #needKey = true;
  #closed = false;

  /**
   * @param {HTMLCanvasElement} canvas
   * @param {import('./screen-canvas.js').ScreenHooks} hooks
   */
  constructor(canvas, hooks) {
    this.#screen = new ScreenCanvas(canvas);
    this.#hooks = hooks;
  }

  /** One 0x10 body from the presenter. Returns at once; painting follows in order. */
  receive(body) {
    if (this.#closed) return;
    this.#hooks.stats.received(body.length);
    if (this.#waiting >= MAX_WAITING) {
      // behind by more than we can catch up with: start over from a keyframe
      this.#needKey = true;
      this.#hooks.requestKeyframe();
      return;
    }
    this.#waiting++;
    this.#chain = this.#chain.then(() => this.#paint(body)).catch((failed) => {
      this.#needKey = true;
      this.#hooks.requestKeyframe();
      if (!(failed instanceof MalformedScreenError) && failed?.name !== 'TypeError') console.warn('screen tiles: could not paint', failed);
    }).finally(() => {
      this.#waiting--;
    });
  }

  async #paint(body) {
    const message = parseTiles(body);
    this.#checkSequence(message);
    const pixels = await Promise.all(message.tiles.map((tile) => inflate(tile.data, tile.w * tile.h * 3)));
    if (this.#closed) return; // someone else's screen is on the canvas now
    if (this.#screen.fit(message.width, message.height) && !message.keyframe) this.#askForKey();
    message.tiles.forEach((tile, i) => this.#screen.context.putImageData(rgba(pixels[i], tile.w, tile.h), tile.x, tile.y));
    if (message.last) this.#hooks.stats.painted();
  }

  // README §9: frames count up by one; the parts of one frame share its number, the last part says so
  #checkSequence({ frame, keyframe, last }) {
    const same = frame === this.#lastFrame && !this.#lastComplete;
    const next = this.#lastFrame !== null && this.#lastComplete && frame === ((this.#lastFrame + 1) >>> 0);
    if (keyframe) {
      if (!same) this.#needKey = false;
    } else if (this.#needKey || !(same || next)) {
      this.#askForKey();
    }
    this.#lastFrame = frame;
    this.#lastComplete = last;
  }

  /** Paints nothing more (the canvas goes to another presenter). */
  close() {
    this.#closed = true;
  }

  #askForKey() {
    this.#needKey = true;
    this.#hooks.requestKeyframe();
  }
}

/** The zlib stream inflated, refusing anything but exactly `expected` bytes (no zip bombs). */
async function inflate(data, expected) {
  const reader = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const out = new Uint8Array(expected);
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.length > expected) {
      await reader.cancel();
      throw new MalformedScreenError(`tile inflates to more than ${expected} bytes`);
    }
    out.set(value, length);
    length += value.length;
  }
  if (length !== expected) throw new MalformedScreenError(`tile inflates to ${length} bytes, needs ${expected}`);
  return out;
}

function rgba(rgb, w, h) {
  const image = new ImageData(w, h);
  const out = image.data;
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    out[j] = rgb[i];
    out[j + 1] = rgb[i + 1];
    out[j + 2] = rgb[i + 2];
    out[j + 3] = 255;
  }
  return image;
}
