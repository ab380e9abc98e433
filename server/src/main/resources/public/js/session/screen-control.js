/**
 * Remote control of a desktop agent's screen (README §9): while the presenter's latest 0x12
 * names us, pointer and keyboard on the screen become 0x11 input events sent to the presenter
 * only. The moment a grant names someone else or nobody, nothing more is sent.
 *
 * Pointer: positions are mapped from the canvas as drawn (scaled, letterboxed by
 * object-fit: contain) back to screen pixels; moves are coalesced to one per animation frame.
 *
 * Keyboard, and why nothing is typed twice: the keys go to a transparent text field over the
 * screen. A key that produces text (one character, no Ctrl/Meta/Alt unless AltGr) is not sent
 * as a key: the browser inserts its text into the field and we send that as `text` (so layouts,
 * dead keys, IMEs and pasted characters all arrive as what the person typed). Every other key
 * (Enter, arrows, Backspace, modifiers, shortcuts such as Ctrl+C) is sent as `key` down and up
 * by KeyboardEvent.code and kept from the field. So each keystroke becomes either a `text`
 * or a `key` event, never both. Ctrl/Cmd+V first sends the local clipboard as `clipboard`.
 * Escape is sent like any key; a second Escape within a moment releases the keyboard instead.
 *
 * Each event is tagged with the input key only we and the presenter share (README §9.1,
 * js/protocol/input-auth.js), so no other member can type on that desktop in our name.
 */
import { encodeInput } from './screen-format.js';

const DOUBLE_ESCAPE_MS = 800;

export class RemoteControl {
  #session;
  #canvas;
  #input;
  #onRelease;
  #presenter = null; // the participant id we control, or null
  #pendingMove = null;
  #down = new Set(); // key codes sent as down and not yet up
  #lastEscape = -Infinity;

  /**
   * @param {{sendInput: (presenter: number, json: Uint8Array) => Promise<boolean>|undefined}} session sends one
   *   authenticated input event (input-auth.js's sendInput on the current session)
   * @param {HTMLCanvasElement} canvas the screen as drawn
   * @param {HTMLTextAreaElement} input the transparent field that takes the keys
   * @param {() => void} onRelease called when the person releases the keyboard (Esc twice)
   */
  constructor(session, canvas, input, onRelease) {
    this.#session = session;
    this.#canvas = canvas;
    this.#input = input;
    this.#onRelease = onRelease;
    canvas.addEventListener('pointermove', (e) => this.#move(e));
    canvas.addEventListener('pointerdown', (e) => this.#button(e, 'down'));
    canvas.addEventListener('pointerup', (e) => this.#button(e, 'up'));
    canvas.addEventListener('wheel', (e) => this.#wheel(e), { passive: false });
    canvas.addEventListener('contextmenu', (e) => {
      if (this.active) e.preventDefault();
    });
    input.addEventListener('keydown', (e) => this.#keyDown(e));
    input.addEventListener('keyup', (e) => this.#keyUp(e));
    input.addEventListener('input', (e) => this.#typed(e));
    input.addEventListener('compositionend', () => this.#flushText());
    input.addEventListener('paste', (e) => this.#paste(e));
    input.addEventListener('blur', () => this.#releaseKeys());
  }

  get active() {
    return this.#presenter !== null;
  }

  /** Control of `presenter`'s screen was granted to us; null: it is not (or no longer). */
  set presenter(id) {
    if (id === this.#presenter) return;
    if (id === null) this.#releaseKeys(); // key-ups while we still may; then not one event more
    this.#presenter = id;
    this.#pendingMove = null;
    this.#input.value = '';
    this.#input.disabled = id === null;
  }

  /** Screen pixel under a pointer event, or null outside the picture. */
  screenPoint(event) {
    const canvas = this.#canvas;
    const box = canvas.getBoundingClientRect();
    if (canvas.width === 0 || canvas.height === 0 || box.width === 0) return null;
    const scale = Math.min(box.width / canvas.width, box.height / canvas.height);
    const left = box.left + (box.width - canvas.width * scale) / 2;
    const top = box.top + (box.height - canvas.height * scale) / 2;
    const x = Math.floor((event.clientX - left) / scale);
    const y = Math.floor((event.clientY - top) / scale);
    if (x < 0 || y < 0 || x >= canvas.width || y >= canvas.height) return null;
    return { x, y };
  }

  #send(event) {
    if (this.#presenter === null) return;
    this.#session.sendInput(this.#presenter, encodeInput(event))
      ?.catch((failed) => console.warn('remote control: an input event was not sent', failed));
  }

  #move(event) {
    if (!this.active) return;
    const point = this.screenPoint(event);
    if (point === null) return;
    const first = this.#pendingMove === null;
    this.#pendingMove = point;
    if (first) {
      requestAnimationFrame(() => {
        const p = this.#pendingMove;
        this.#pendingMove = null;
        if (p !== null) this.#send({ t: 'move', x: p.x, y: p.y });
      });
    }
  }

  #button(event, t) {
    if (!this.active) return;
    const point = this.screenPoint(event);
    if (point === null) return;
    event.preventDefault(); // keeps the focus in the key field
    if (t === 'down') {
      this.#input.focus({ preventScroll: true });
      this.#canvas.setPointerCapture(event.pointerId);
    }
    this.#pendingMove = null;
    this.#send({ t: 'move', x: point.x, y: point.y });
    this.#send({ t, button: Math.min(2, Math.max(0, event.button)), x: point.x, y: point.y });
  }

  #wheel(event) {
    if (!this.active) return;
    event.preventDefault();
    // lines and pages as pixels, so the presenter gets one unit
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? this.#canvas.height : 1;
    this.#send({ t: 'wheel', dx: Math.round(event.deltaX * unit), dy: Math.round(event.deltaY * unit) });
  }

  #keyDown(event) {
    if (!this.active || event.isComposing || event.key === 'Process' || event.key === 'Dead') return;
    if (event.code === 'Escape' && !event.repeat) {
      const now = performance.now();
      if (now - this.#lastEscape < DOUBLE_ESCAPE_MS) {
        event.preventDefault();
        this.#lastEscape = -Infinity;
        this.#input.blur();
        this.#onRelease();
        return;
      }
      this.#lastEscape = now;
    }
    if (producesText(event)) return; // arrives as `text` through the input event
    if ((event.ctrlKey || event.metaKey) && event.code === 'KeyV') return; // see #paste
    event.preventDefault();
    if (event.code === '') return;
    this.#down.add(event.code);
    this.#send({ t: 'key', code: event.code, down: true });
  }

  #keyUp(event) {
    if (!this.#down.delete(event.code)) return;
    event.preventDefault();
    this.#send({ t: 'key', code: event.code, down: false });
  }

  #typed(event) {
    if (event.isComposing) return;
    this.#flushText();
  }

  #flushText() {
    const text = this.#input.value;
    this.#input.value = '';
    if (text !== '' && this.active) this.#send({ t: 'text', text });
  }

  #paste(event) {
    event.preventDefault();
    if (!this.active) return;
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (text !== '') this.#send({ t: 'clipboard', text });
    this.#down.add('KeyV');
    this.#send({ t: 'key', code: 'KeyV', down: true });
  }

  #releaseKeys() {
    for (const code of this.#down) this.#send({ t: 'key', code, down: false });
    this.#down.clear();
  }
}

// one character (one code point, not "Enter" or "ArrowLeft"), typed without a shortcut modifier
function producesText(event) {
  if ([...event.key].length !== 1) return false;
  if (event.getModifierState?.('AltGraph')) return true;
  return !event.ctrlKey && !event.metaKey && !event.altKey;
}
