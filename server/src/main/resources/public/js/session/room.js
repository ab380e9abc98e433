// What the room shows about a session outside its sections: unread chat and people waiting on the
// toolbar, the verification code on its button (flagged when it changes, until looked at), and
// who is here on an empty stage. It listens to the Session's events; it never changes the session.
import { byId } from '../ui.js';
import { el } from '../meetings/common.js';

export class RoomIndicators {
  #panel;
  #session = null;
  #unread = 0;
  #lastChatSeq = 0;
  #waitingSeen = new Set();

  /** @param {import('./side-panel.js').SidePanel} panel */
  constructor(panel) {
    this.#panel = panel;
    panel.addEventListener('change', (event) => {
      if (event.detail.name === 'chat' && event.detail.open) this.#setUnread(0);
    });
    byId('verification').addEventListener('toggle', (event) => {
      if (event.newState === 'open') this.#flagCode(false);
    });
  }

  /** Follows a new session (after "Join again" too): counts and flags start afresh. */
  attach(session) {
    this.#session = session;
    this.#lastChatSeq = 0;
    this.#waitingSeen.clear();
    this.#setUnread(0);
    this.#flagCode(false);
    byId('code-toggle-value').textContent = '—';
    session.addEventListener('chat', (event) => {
      if (session === this.#session) this.#chat(event.detail);
    });
    session.addEventListener('code', (event) => {
      if (session === this.#session) this.#code(event.detail);
    });
    session.addEventListener('change', () => {
      if (session === this.#session) this.#changed();
    });
  }

  #chat(m) {
    if (m.seq <= this.#lastChatSeq) return;
    this.#lastChatSeq = m.seq;
    if (!m.own && !this.#panel.isOpen('chat')) this.#setUnread(this.#unread + 1);
  }

  #setUnread(count) {
    this.#unread = count;
    const badge = byId('chat-unread');
    badge.hidden = count === 0;
    if (count === 0) badge.replaceChildren();
    else badge.replaceChildren(String(count), el('span', { className: 'visually-hidden', text: ' unread' }));
  }

  #code({ code, previous }) {
    byId('code-toggle-value').textContent = code ?? '—';
    if (code !== null && previous !== null && !byId('verification').matches(':popover-open')) this.#flagCode(true);
  }

  #flagCode(on) {
    byId('code-toggle').classList.toggle('is-changed', on);
    byId('code-flag').hidden = !on;
    byId('code-flag').textContent = on ? 'Code changed' : '';
  }

  #changed() {
    const s = this.#session;
    const waiting = s.admitted ? s.roster.waiting().filter((p) => p.id !== s.you) : [];
    const badge = byId('people-waiting');
    badge.hidden = waiting.length === 0;
    if (waiting.length === 0) badge.replaceChildren();
    else badge.replaceChildren(String(waiting.length), el('span', { className: 'visually-hidden', text: ' waiting' }));
    // the keyholder is the only one who can let them in: beside the stage, their Admit buttons show at once
    // (not for those with the invitation link's proof: the session lets them in by itself)
    const newcomers = waiting.filter((p) => !this.#waitingSeen.has(p.id) && !p.proof);
    newcomers.forEach((p) => this.#waitingSeen.add(p.id));
    if (s.keyholder && newcomers.length > 0 && this.#panel.wide) this.#panel.open('people');
    // what the toolbar shares goes to the members: not before we are one
    byId('share-screen').disabled = !(s.connected && s.admitted);
    this.#whoIsHere();
  }

  // the empty stage: initials and names, so a room without screen or cameras still looks inhabited
  #whoIsHere() {
    const list = document.getElementById('stage-people');
    if (list === null) return;
    const s = this.#session;
    const people = [...s.roster.present.entries()].sort(([a], [b]) => a - b).map(([id, p]) => el('li', { className: 'stage-person' },
      el('span', { className: 'avatar', text: initials(p.name), attrs: { 'aria-hidden': 'true' } }),
      el('span', { className: 'stage-name', text: p.name + (id === s.you ? ' (you)' : '') })));
    list.replaceChildren(...people);
  }
}

function initials(name) {
  const words = String(name).trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => [...w][0].toUpperCase()).join('') || '?';
}

/** The header's view button: speaker view (one large tile) or the gallery; offered once a camera tile is there. */
export function wireGalleryView() {
  const gallery = byId('gallery');
  const toggle = byId('view-toggle');
  const offer = () => {
    toggle.hidden = gallery.hidden || gallery.querySelector('.gallery-tile') === null;
  };
  new MutationObserver(offer).observe(gallery, { childList: true, attributes: true, attributeFilter: ['hidden'] });
  toggle.addEventListener('click', () => {
    const speaker = toggle.getAttribute('aria-pressed') !== 'true';
    toggle.setAttribute('aria-pressed', String(speaker));
    toggle.textContent = speaker ? 'Speaker view' : 'Gallery view';
    gallery.classList.toggle('speaker-view', speaker);
  });
  offer();
}
