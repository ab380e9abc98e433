/**
 * The canvas a screen player paints a presenter's screen on, and the hooks back to the viewer
 * that both players (tiles and video) are built with.
 *
 * @typedef {{requestKeyframe: () => void, stats: import('./screen-stats.js').ScreenStats}} ScreenHooks
 */
export class ScreenCanvas {
  #canvas;
  #context;

  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas) {
    this.#canvas = canvas;
    this.#context = canvas.getContext('2d', { alpha: false });
  }

  get context() {
    return this.#context;
  }

  /** Sizes the canvas to the screen; true when it had another size (resizing clears it). */
  fit(width, height) {
    if (this.#canvas.width === width && this.#canvas.height === height) return false;
    this.#canvas.width = width;
    this.#canvas.height = height;
    return true;
  }
}
