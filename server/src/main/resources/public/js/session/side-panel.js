// The room's side panel: chat and people beside the stage. On a wide window both may be open at
// once, stacked, and the page's defaults open at load; on a narrow one the panel covers the stage,
// so it holds one section at a time, starts closed, and Esc closes it.
import { byId } from '../ui.js';

/** Wide enough for the stage and a 22rem panel side by side (room.css uses the same width). */
const WIDE = window.matchMedia('(min-width: 60rem)');
const NAMES = ['chat', 'people'];

export class SidePanel extends EventTarget {
  #panel = byId('side-panel');
  #wideDefaults;
  #parts = new Map(); // name → {section, toggle}

  /** @param {{wideDefaults?: string[]}} options the sections open on a wide window */
  constructor({ wideDefaults = ['chat'] } = {}) {
    super();
    this.#wideDefaults = wideDefaults;
    for (const name of NAMES) {
      const part = { section: byId(name + '-section'), toggle: byId(name + '-toggle') };
      part.section.querySelectorAll('h2').forEach((heading) => heading.setAttribute('tabindex', '-1'));
      part.toggle.addEventListener('click', () => this.toggle(name));
      this.#parts.set(name, part);
    }
    WIDE.addEventListener('change', () => this.#defaults());
    document.addEventListener('keydown', (event) => this.#escape(event));
    this.#defaults();
  }

  get wide() {
    return WIDE.matches;
  }

  isOpen(name) {
    return !this.#parts.get(name).section.hidden;
  }

  toggle(name) {
    if (this.isOpen(name)) this.close(name);
    else this.open(name);
  }

  open(name) {
    if (!this.wide) NAMES.filter((other) => other !== name).forEach((other) => this.#show(other, false));
    this.#show(name, true);
    // over the stage the panel is a place of its own: a keyboard or screen reader user is taken there
    if (!this.wide) [...this.#parts.get(name).section.querySelectorAll('h2')].find((h) => h.checkVisibility())?.focus();
  }

  close(name) {
    this.#show(name, false);
  }

  #show(name, open) {
    const { section, toggle } = this.#parts.get(name);
    if (section.hidden === !open) return;
    section.hidden = !open;
    toggle.setAttribute('aria-pressed', String(open));
    this.#panel.hidden = NAMES.every((n) => !this.isOpen(n));
    this.dispatchEvent(new CustomEvent('change', { detail: { name, open } }));
  }

  // a window turning wide shows the defaults; one turning narrow must not cover the stage unasked
  #defaults() {
    for (const name of NAMES) this.#show(name, this.wide && this.#wideDefaults.includes(name));
    this.#panel.hidden = NAMES.every((n) => !this.isOpen(n));
  }

  #escape(event) {
    if (event.key !== 'Escape' || this.wide || this.#panel.hidden || !this.#panel.contains(document.activeElement)) return;
    const name = NAMES.find((n) => this.isOpen(n));
    this.close(name);
    this.#parts.get(name).toggle.focus();
  }
}
