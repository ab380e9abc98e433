// What the support pages share: the support key's shape, the command the customer runs, status
// names, copying, and the key's countdown. Text only, never markup from data.
import { ApiError } from '../api.js';
import { el } from '../meetings/common.js';

export const DOWNLOAD_PATH = '/download/parley-agent.jar';
export const KEY_FORMAT_MESSAGE = 'A support key is nine digits.';

export const STATUS_NAMES = {
  queued: 'In the queue',
  waiting: 'Waiting for the customer',
  connected: 'Connected',
  reconnecting: 'Customer reconnecting',
  ended: 'Ended',
  expired: 'Expired',
};

/** "123 456 789", "123-456-789" or "123456789" → "123456789"; anything else → null. */
export function normaliseKey(text) {
  const digits = String(text ?? '').replace(/[\s-]/g, '');
  return /^[0-9]{9}$/.test(digits) ? digits : null;
}

/** "123456789" → "123 456 789": three groups are easier to read aloud over the phone. */
export function groupKey(key) {
  return key.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
}

/** The exact command the customer runs; {@code server} is the origin the agent connects to. */
export function agentCommand(key, server) {
  return 'java -jar parley-agent.jar support ' + key + ' --server ' + server;
}

/** Whether a roster entry is the customer: the server's word (the ticket the key was exchanged for). */
export function isCustomer(participant) {
  return participant?.role === 'customer';
}

/** Copies {@code text}; where the browser refuses, selects {@code element}'s text for Ctrl+C instead. */
export async function copy(text, element, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    if (typeof element.select === 'function') {
      element.focus();
      element.select();
    } else {
      const range = document.createRange();
      range.selectNodeContents(element);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
    }
    status.textContent = 'Press Ctrl+C (or ⌘+C) to copy the selected text.';
  }
}

/**
 * Shows in {@code element} how long until {@code expiresAt} ("9:41"), every second, and calls
 * {@code onExpired} once it has passed. Returns a function that stops it.
 */
export function countdown(element, expiresAt, onExpired) {
  const end = new Date(expiresAt).getTime();
  let timer = null;
  const tick = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    element.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
    if (left === 0) {
      clearInterval(timer);
      onExpired();
    }
  };
  timer = setInterval(tick, 1000);
  tick();
  return () => clearInterval(timer);
}

/** A table cell that names its column (for the one-card-per-row layout on phones). */
export function cell(text, label, ...children) {
  return el('td', { text, attrs: { 'data-label': label } }, ...children);
}

/** A technician as the server describes one: a name, or {name, email}. */
export function personName(person) {
  if (person === null || person === undefined) return '';
  return typeof person === 'string' ? person : person.name || person.email || '';
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "10:42", in the viewer's zone. */
export function timeOfDay(iso) {
  return clock.format(new Date(iso));
}

/**
 * A load that failed, as a person can act on it: sign in (with a way back here), {@code notFound}
 * for a 404, or the server's own message.
 */
export function showFailure(region, error, notFound = 'Not found.') {
  region.replaceChildren();
  if (error instanceof ApiError && error.status === 401) {
    const back = window.location.pathname + window.location.search;
    region.append(el('strong', { text: 'Please sign in to use remote support. ' }),
      el('a', { text: 'Sign in', attrs: { href: '/signin.html?next=' + encodeURIComponent(back) } }));
  } else if (error instanceof ApiError) {
    region.textContent = error.status === 404 ? notFound : error.message;
  } else {
    console.warn('page error', error);
    region.textContent = 'Something went wrong in this page. Please reload it and try again.';
  }
  region.hidden = false;
  region.focus();
}
