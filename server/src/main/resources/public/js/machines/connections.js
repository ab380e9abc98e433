// The owner's record of who connected to a computer, when, for how long, and who was refused.
import { api } from '../api.js';
import { formatTime, showError } from '../ui.js';
import { el, zoneLabel } from '../meetings/common.js';
import { formatSeconds, outcomeOf } from './labels.js';

function cell(label, ...children) {
  return el('td', { attrs: { 'data-label': label } }, ...children);
}

function duration(c) {
  if (typeof c.seconds === 'number') return formatSeconds(c.seconds);
  if (c.connectedAt && !c.endedAt) return 'still connected';
  return '—';
}

function row(c) {
  const { text, refused } = outcomeOf(c);
  const who = c.who ?? {};
  const outcome = refused ? el('span', { className: 'badge status-declined', text }) : text;
  return el('tr', { className: refused ? 'refused' : '' },
    cell('Who', el('span', { text: who.name ?? '' }), who.email ? el('span', { className: 'hint', text: ' ' + who.email }) : ''),
    cell('When', el('time', { text: formatTime(c.requestedAt), attrs: { datetime: c.requestedAt } })),
    cell('How long', duration(c)),
    cell('Outcome', outcome));
}

function table(machine, connections) {
  const refused = connections.filter((c) => outcomeOf(c).refused).length;
  const caption = 'Connections to ' + machine.name + ', newest first; times in ' + zoneLabel() + '.'
    + (refused ? ' ' + refused + (refused === 1 ? ' attempt was' : ' attempts were') + ' refused.' : '');
  const head = el('tr', {}, ...['Who', 'When', 'How long', 'Outcome'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })));
  return el('div', { className: 'table-wrap' },
    el('table', { className: 'cards-on-phone' }, el('caption', { className: 'visually-hidden', text: caption }),
      el('thead', {}, head), el('tbody', {}, ...connections.map(row))));
}

/** Loads and shows the connections of `machine` (its owner's view) into `container`. */
export async function showConnections(container, machine) {
  const alert = el('p', { className: 'alert', attrs: { role: 'alert' } });
  container.setAttribute('aria-busy', 'true');
  try {
    const { connections } = await api.get('/api/v1/machines/' + encodeURIComponent(machine.id) + '/connections');
    const refused = connections.filter((c) => outcomeOf(c).refused).length;
    container.replaceChildren(connections.length === 0
      ? el('p', { className: 'hint', text: 'No one has connected yet.' })
      : el('p', { className: 'hint', text: connections.length + (connections.length === 1 ? ' connection' : ' connections')
        + (refused ? ', ' + refused + ' refused' : '') + '.' }),
    ...(connections.length === 0 ? [] : [table(machine, connections)]));
  } catch (error) {
    showError(alert, error);
    container.replaceChildren(alert);
  } finally {
    container.removeAttribute('aria-busy');
  }
}
