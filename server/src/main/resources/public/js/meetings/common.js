// What every meetings page shares: labels, times in the viewer's zone, building elements from
// text (never markup from data), and turning a refused load into a message a person can act on.
import { ApiError } from '../api.js';
import { browserZone } from './time.js';

export const KINDS = { meeting: 'Meeting', webinar: 'Webinar', training: 'Training' };
export const ROLES = { organizer: 'You organize', invitee: 'You are invited', registrant: 'You are registered' };
export const STATUSES = { approved: 'Approved', pending: 'Waiting for approval', declined: 'Declined' };

/** {@code el('p', {text: 'Hi', className: 'hint'}, child…)}; attributes in {@code attrs}. */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.className) {
    node.className = options.className;
  }
  if (options.text !== undefined && options.text !== null) {
    node.textContent = String(options.text);
  }
  for (const [name, value] of Object.entries(options.attrs || {})) {
    node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

const zone = browserZone();
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
});
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const compact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The viewer's zone name, shown next to every time so no one wonders whose clock it is. */
export function zoneLabel() {
  return zone;
}

/** "Tuesday 2 March 2027, 10:00 – 10:45 (Europe/Berlin)", in the viewer's zone. */
export function formatSpan(startIso, minutes) {
  const start = new Date(startIso);
  const end = new Date(start.getTime() + minutes * 60_000);
  const sameDay = start.toDateString() === end.toDateString();
  return dayAndTime.format(start) + ' – ' + (sameDay ? timeOnly.format(end) : dayAndTime.format(end)) + ' (' + zone + ')';
}

/** "2 Mar 2027, 10:00", for tables; the table caption names the zone. */
export function formatCompact(iso) {
  return iso ? compact.format(new Date(iso)) : '';
}

export function formatDuration(minutes) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = hours === 0 ? '' : hours + (hours === 1 ? ' hour' : ' hours');
  const m = rest === 0 ? '' : rest + (rest === 1 ? ' minute' : ' minutes');
  return [h, m].filter(Boolean).join(' ') || '0 minutes';
}

/** "FREQ=WEEKLY;COUNT=5" → "Repeats weekly, 5 times in all". */
export function formatRecurrence(rule) {
  if (!rule) {
    return '';
  }
  const fields = Object.fromEntries(rule.split(';').map((pair) => pair.split('=')));
  const every = { DAILY: 'daily', WEEKLY: 'weekly', MONTHLY: 'monthly' }[fields.FREQ] || fields.FREQ.toLowerCase();
  return 'Repeats ' + every + (fields.COUNT ? ', ' + fields.COUNT + ' times in all' : '');
}

/** The {frequency, count} the form edits, from the view's RRULE text. */
export function parseRecurrence(rule) {
  if (!rule) {
    return null;
  }
  const fields = Object.fromEntries(rule.split(';').map((pair) => pair.split('=')));
  return { frequency: (fields.FREQ || '').toLowerCase(), count: Number(fields.COUNT) || 2 };
}

/** Describes when something happens: one line per session, and the repetition if there is one. */
export function scheduleLines(view) {
  const sessions = view.sessions && view.sessions.length ? view.sessions
    : [{ number: 1, startsAt: view.startsAt, durationMinutes: view.durationMinutes }];
  const lines = sessions.map((s) => (sessions.length > 1 ? 'Session ' + s.number + ': ' : '')
    + formatSpan(s.startsAt, s.durationMinutes));
  if (view.recurrence) {
    lines.push(formatRecurrence(view.recurrence));
  }
  return lines;
}

/** Fills a list element with one item per schedule line. */
export function showSchedule(list, view) {
  list.replaceChildren(...scheduleLines(view).map((line) => el('li', { text: line })));
}

/** Plain text with blank lines between paragraphs, as paragraphs (text only). */
export function showParagraphs(element, text) {
  element.replaceChildren(...(text || '').split(/\n\s*\n/).filter((chunk) => chunk.trim())
    .map((chunk) => el('p', { text: chunk.trim() })));
}

/**
 * A load that failed, said as a person needs it: sign in (with a way back here), not found,
 * or the server's own message.
 */
export function showLoadFailure(region, error, what) {
  region.replaceChildren();
  if (error instanceof ApiError && error.status === 401) {
    const back = window.location.pathname + window.location.search;
    const link = el('a', { text: 'Sign in', attrs: { href: '/signin.html?next=' + encodeURIComponent(back) } });
    if (what === 'list') {
      // someone who just arrived may have no invitation at all: say what the list is and how to get one
      region.append(el('strong', { text: 'Please sign in to see your meetings. ' }), link, ' or ',
        el('a', { text: 'create an account', attrs: { href: '/register.html' } }),
        '. Then the meetings you organize, are invited to or registered for are listed here.');
    } else {
      region.append(el('strong', { text: 'Please sign in to see this ' + what + '. ' }), link,
        ' with the account your invitation was sent to, then open this link again.');
    }
  } else if (error instanceof ApiError && error.status === 404) {
    // the server says the same for "never existed" and "not yours" (existence is not revealed)
    region.append(el('strong', { text: capitalise(what) + ' not found. ' }),
      'It does not exist, or it was not shared with the account you are signed in with — check which address '
      + 'the invitation went to. ', el('a', { text: 'My meetings', attrs: { href: '/meetings.html' } }));
  } else if (error instanceof ApiError) {
    region.textContent = error.message;
  } else {
    console.warn('page error', error);
    region.textContent = 'Something went wrong in this page. Please reload it and try again.';
  }
  region.hidden = false;
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The id in {@code ?id=…}; a missing one reads as a meeting that does not exist. */
export function idFromAddress(params) {
  const id = params.get('id');
  return id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

/** Copies {@code text}, saying so in {@code status}; falls back to selecting the field. */
export async function copyText(text, field, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    field.focus();
    field.select();
    status.textContent = 'Press Ctrl+C (or ⌘+C) to copy the selected link.';
  }
}

/** "1.2 MB" */
export function formatSize(bytes) {
  if (bytes < 1024) {
    return bytes + ' bytes';
  }
  if (bytes < 1024 * 1024) {
    return (bytes / 1024).toFixed(1) + ' KB';
  }
  return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
}
