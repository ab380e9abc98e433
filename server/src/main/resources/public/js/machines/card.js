// One computer on machines.html: its name, who may connect now, whether it is online, Connect,
// and for its owner the controls to manage access (manage.js), opened on request.
import { formatTime, showError } from '../ui.js';
import { el } from '../meetings/common.js';
import { STATUS_BADGES, accessText, presenceText } from './labels.js';
import { manageArea } from './manage.js';

function badges(view) {
  const [text, colour] = STATUS_BADGES[view.status] ?? [view.status, ''];
  return el('span', { className: 'badges' }, el('span', { className: 'badge ' + colour, text }), ' ',
    el('span', { className: view.online ? 'badge kind-meeting' : 'badge', text: view.online ? 'Online' : 'Offline' }));
}

function facts(view, owned) {
  const rows = [['Access', accessText(view)], ['Connection', presenceText(view)]];
  if (!owned && view.owner) rows.push(['Owner', view.owner.name]);
  if (owned && view.enrolledAt) rows.push(['Set up', formatTime(view.enrolledAt)]);
  return el('dl', { className: 'facts' }, ...rows.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })]));
}

/**
 * The card of `view`.
 * @param {object} view the server's machine view
 * @param {{owned: boolean, open: boolean, message?: string, refusal?: Error, onConnect: Function, onToggle: Function,
 *   changed: Function, removed: Function}} options
 *   open: the owner's controls are shown; message: what just changed; refusal: why Connect was just refused;
 *   onConnect(view, button); onToggle(id, open); changed(newView, message) after an accepted change;
 *   removed(view, message) once the owner removed it
 */
export function machineCard(view, { owned, open, message = '', refusal = null, onConnect, onToggle, changed, removed }) {
  const prefix = 'm-' + view.id + '-';
  const heading = el('h3', { text: view.name, attrs: { id: prefix + 'name', tabindex: '-1' } });
  const status = el('p', { className: 'success', text: message, attrs: { role: 'status', tabindex: '-1' } });
  const alert = el('p', { className: 'alert', attrs: { role: 'alert', tabindex: '-1' } });
  const actions = el('p', { className: 'buttons' });
  const card = el('article', { className: 'panel machine', attrs: { 'aria-labelledby': heading.id, 'data-id': view.id } },
    el('div', { className: 'section-title' }, heading, badges(view)), facts(view, owned), status, actions, alert);
  if (refusal !== null) showError(alert, refusal);

  if (view.status === 'enabled' || view.status === 'paused') {
    const connect = el('button', { text: 'Connect', attrs: { type: 'button', 'aria-label': 'Connect to ' + view.name } });
    connect.addEventListener('click', () => onConnect(view, connect));
    actions.append(connect);
  }
  if (owned) {
    const area = el('div', { className: 'manage', attrs: { id: prefix + 'manage' } });
    const toggle = el('button', { className: 'secondary', text: 'Manage access',
      attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': area.id, 'aria-label': 'Manage access to ' + view.name } });
    const show = (shown) => {
      area.hidden = !shown;
      toggle.setAttribute('aria-expanded', String(shown));
      // drawn (and the connections fetched) each time it opens, so what it shows is current
      area.replaceChildren(...(shown ? manageArea(view, changed, removed) : []));
    };
    toggle.addEventListener('click', () => {
      const shown = area.hidden;
      show(shown);
      onToggle(view.id, shown);
    });
    show(open);
    actions.append(toggle);
    card.append(area);
  }
  return card;
}

/** A new card takes the focus where it has something to say: a refusal, else what changed, else its name. */
export function focusCard(card) {
  const said = [...card.querySelectorAll(':scope > [role="alert"], :scope > [role="status"]')].find((p) => p.textContent);
  (said ?? card.querySelector('h3')).focus();
}
