// The owner's controls for one computer: pause (until a time, or a preset), resume, revoke after
// a confirmation, the technicians who may connect, the connection record, and once revoked,
// removing it. Every change comes
// back from the server as the computer's new view, which the page draws anew.
import { api } from '../api.js';
import { formatTime, showError } from '../ui.js';
import { el } from '../meetings/common.js';
import { showConnections } from './connections.js';

const HOUR_MS = 60 * 60 * 1000;
const two = (n) => String(n).padStart(2, '0');
const localDay = (d) => d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
// the API takes instants; seconds are precise enough for a pause
const isoOf = (date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function tomorrowAtEight() {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(8, 0, 0, 0);
  return d;
}

function button(text, className, attrs = {}) {
  return el('button', { text, className, attrs: { type: 'button', ...attrs } });
}

function alertRegion() {
  return el('p', { className: 'alert', attrs: { role: 'alert', tabindex: '-1' } });
}

/** Runs `action` with `buttons` disabled meanwhile; a refusal goes to `alert`. */
async function act(buttons, alert, action) {
  buttons.forEach((b) => { b.disabled = true; });
  alert.textContent = '';
  try {
    await action();
  } catch (error) {
    showError(alert, error);
    alert.focus();
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

class Manager {
  #view;
  #changed;
  #removed;
  #prefix;

  constructor(view, changed, removed) {
    this.#view = view;
    this.#changed = changed;
    this.#removed = removed;
    this.#prefix = 'm-' + view.id + '-';
  }

  get #path() {
    return '/api/v1/machines/' + encodeURIComponent(this.#view.id);
  }

  #id(name) {
    return this.#prefix + name;
  }

  async #setAccess(body, message) {
    const view = await api.patch(this.#path, body);
    this.#changed(view, message(view));
  }

  /** Pauses until `until`, or until the owner resumes (null). */
  #pause(until) {
    const body = until === null ? { access: 'paused' } : { access: 'paused', pausedUntil: isoOf(until) };
    return this.#setAccess(body, (view) => 'Access to “' + view.name + '” is paused '
      + (view.pausedUntil ? 'until ' + formatTime(view.pausedUntil) + '. Every connection is refused until then'
        : 'until you resume it. Every connection is refused until then') + ', yours too.');
  }

  pauseSection() {
    const paused = this.#view.status === 'paused';
    const alert = alertRegion();
    const hour = button('Pause for 1 hour', 'secondary small');
    const morning = button('Pause until tomorrow 8:00', 'secondary small');
    const indefinitely = button('Pause until I resume it', 'secondary small');
    const tomorrow = tomorrowAtEight();
    const day = el('input', { attrs: { id: this.#id('pause-day'), type: 'date', required: '', min: localDay(new Date()), value: localDay(tomorrow) } });
    const time = el('input', { attrs: { id: this.#id('pause-time'), type: 'time', required: '', value: '08:00' } });
    const submit = el('button', { text: 'Pause until then', className: 'secondary', attrs: { type: 'submit' } });
    const all = [hour, morning, indefinitely, submit];
    hour.addEventListener('click', () => act(all, alert, () => this.#pause(new Date(Date.now() + HOUR_MS))));
    morning.addEventListener('click', () => act(all, alert, () => this.#pause(tomorrowAtEight())));
    indefinitely.addEventListener('click', () => act(all, alert, () => this.#pause(null)));
    const form = el('form', { attrs: { novalidate: '' } },
      el('p', { className: 'buttons' }, hour, morning, indefinitely),
      el('fieldset', {}, el('legend', { text: 'Or pause until a date and time of your choice' }),
        el('div', { className: 'row two' },
          el('p', { className: 'field' }, el('label', { text: 'Date', attrs: { for: day.id } }), day),
          el('p', { className: 'field' }, el('label', { text: 'Time', attrs: { for: time.id } }), time))),
      alert, el('p', { className: 'buttons' }, submit));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(all, alert, async () => {
        const until = new Date(day.value + 'T' + time.value); // a date and time without a zone: the viewer's own
        if (!day.value || !time.value || Number.isNaN(until.getTime())) throw 'Choose the date and the time the pause ends.';
        if (until.getTime() <= Date.now()) throw 'Choose a time in the future.';
        await this.#pause(until);
      });
    });
    const section = this.#section('pause', paused ? 'Paused' : 'Pause access',
      el('p', { className: 'hint', text: paused
        ? 'No one can connect until the pause ends. Resume now, or change when the pause ends.'
        : 'While access is paused, every connection is refused, yours too. The computer itself keeps working.' }));
    if (paused) {
      const resumeAlert = alertRegion();
      const resume = button('Resume access now', '');
      resume.addEventListener('click', () => act([resume], resumeAlert, () => this.#setAccess({ access: 'enabled' },
        (view) => 'Access to “' + view.name + '” is enabled again.')));
      section.append(el('p', { className: 'buttons' }, resume), resumeAlert);
    }
    section.append(form);
    return section;
  }

  grantsSection() {
    const grants = this.#view.grants ?? [];
    const alert = alertRegion();
    const items = grants.map((email) => {
      const remove = button('Remove', 'secondary small', { 'aria-label': 'Remove access of ' + email });
      remove.addEventListener('click', () => act([remove], alert, async () => {
        await api.del(this.#path + '/grants/' + encodeURIComponent(email));
        this.#changed(await api.get(this.#path), email + ' can no longer connect to “' + this.#view.name + '”.');
      }));
      return el('li', { className: 'person' }, el('span', { className: 'person-name', text: email }), remove);
    });
    const email = el('input', { attrs: { id: this.#id('grant-email'), type: 'email', autocomplete: 'off', maxlength: '254', required: '',
      'aria-describedby': this.#id('grant-hint') } });
    const submit = el('button', { text: 'Give access', className: 'secondary', attrs: { type: 'submit' } });
    const form = el('form', { attrs: { novalidate: '' } },
      el('p', { className: 'field' }, el('label', { text: 'Technician’s email address', attrs: { for: email.id } }), email,
        el('span', { className: 'hint', attrs: { id: this.#id('grant-hint') },
          text: 'They connect from their own “My computers” page and need the access password too: tell it to them yourself.' })),
      alert, el('p', { className: 'buttons' }, submit));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act([submit], alert, async () => {
        const address = email.value.trim();
        if (!address.includes('@')) throw 'Enter the technician’s email address.';
        await api.post(this.#path + '/grants', { email: address });
        this.#changed(await api.get(this.#path), address + ' can now connect to “' + this.#view.name + '”.');
      });
    });
    return this.#section('grants', 'Technicians',
      items.length === 0 ? el('p', { className: 'hint', text: 'Only you can connect to it.' }) : el('ul', { className: 'people' }, ...items),
      form);
  }

  connectionsSection() {
    const list = el('div', { attrs: { id: this.#id('connections') } });
    const refresh = button('Refresh', 'secondary small', { 'aria-label': 'Refresh the connections to ' + this.#view.name });
    refresh.addEventListener('click', () => showConnections(list, this.#view));
    const heading = el('h4', { text: 'Connections', attrs: { id: this.#id('history-heading') } });
    showConnections(list, this.#view);
    return el('section', { className: 'manage-part', attrs: { 'aria-labelledby': heading.id } },
      el('div', { className: 'section-title' }, heading, refresh), list);
  }

  revokeSection() {
    return this.#confirmed('revoke', 'Revoke access', 'Revoke…', 'Yes, revoke it',
      'Revoke “' + this.#view.name + '”? No one will be able to connect to it again, you included. '
        + 'This is final: to reach this computer again, its Parley agent must be set up and approved anew.',
      () => this.#setAccess({ access: 'revoked' }, (view) => 'Access to “' + view.name + '” is revoked. Its connection record stays here.'));
  }

  removeSection() {
    return this.#confirmed('remove', 'Remove from Parley', 'Remove…', 'Yes, remove it',
      'Remove “' + this.#view.name + '” and its connection record from Parley? This cannot be undone.',
      async () => {
        await api.del(this.#path);
        this.#removed(this.#view, '“' + this.#view.name + '” and its connection record are removed.');
      });
  }

  /** A final step behind a question: `ask` opens it, the safe answer has the focus, `yes` runs `action`. */
  #confirmed(name, title, askText, yesText, question, action) {
    const alert = alertRegion();
    const ask = button(askText, 'secondary danger-text', { 'aria-expanded': 'false', 'aria-controls': this.#id(name + '-confirm') });
    const yes = button(yesText, 'danger');
    const no = button('No, keep it', 'secondary');
    const confirm = el('div', { className: 'note', attrs: { id: this.#id(name + '-confirm'), hidden: '' } },
      el('p', { text: question }), alert, el('p', { className: 'buttons' }, yes, no));
    const show = (open) => {
      confirm.hidden = !open;
      ask.setAttribute('aria-expanded', String(open));
      (open ? no : ask).focus();
    };
    ask.addEventListener('click', () => show(true));
    no.addEventListener('click', () => show(false));
    yes.addEventListener('click', () => act([yes, no], alert, action));
    return this.#section(name, title, el('p', { className: 'buttons' }, ask), confirm);
  }

  #section(name, title, ...children) {
    const heading = el('h4', { text: title, attrs: { id: this.#id(name + '-heading') } });
    return el('section', { className: 'manage-part', attrs: { 'aria-labelledby': heading.id } }, heading, ...children);
  }
}

/**
 * The owner's controls for `view`; `changed(newView, message)` is called after each change the
 * server accepted, with a sentence saying what changed, and `removed(view, message)` once it is gone.
 */
export function manageArea(view, changed, removed) {
  const manager = new Manager(view, changed, removed);
  const parts = [];
  if (view.status === 'enabled' || view.status === 'paused') parts.push(manager.pauseSection());
  if (view.status !== 'revoked') parts.push(manager.grantsSection());
  parts.push(manager.connectionsSection());
  parts.push(view.status === 'revoked' ? manager.removeSection() : manager.revokeSection());
  return parts;
}
