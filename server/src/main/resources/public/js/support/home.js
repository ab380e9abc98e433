// support.html without a session: start one (for me or one of my teams), and my recent sessions.
import { api } from '../api.js';
import { byId, onSubmit, showError } from '../ui.js';
import { el, formatCompact, zoneLabel } from '../meetings/common.js';
import { STATUS_NAMES, cell, personName, showFailure } from './common.js';

const LIVE = new Set(['queued', 'waiting', 'connected', 'reconnecting']);

function recentRow(s) {
  const open = LIVE.has(s.status)
    ? el('a', { text: 'Open', attrs: { href: '/support.html?id=' + encodeURIComponent(s.id), 'aria-label': 'Open the session of ' + formatCompact(s.createdAt) } })
    : '';
  return el('tr', {},
    cell(formatCompact(s.createdAt), 'Started'),
    cell(s.customerName || '—', 'Customer'),
    cell(personName(s.technician) || '—', 'Technician'),
    cell(null, 'Status', el('span', { className: 'badge status-' + s.status, text: STATUS_NAMES[s.status] || s.status })),
    cell(null, 'Action', open));
}

async function showRecent() {
  const { sessions } = await api.get('/api/v1/support-sessions');
  byId('recent-caption').textContent = 'My recent support sessions, newest first; times in ' + zoneLabel() + '.';
  byId('recent-rows').replaceChildren(...sessions.map(recentRow));
  byId('recent-wrap').hidden = sessions.length === 0;
  byId('recent-empty').hidden = sessions.length > 0;
}

async function offerTeams() {
  const { teams } = await api.get('/api/v1/support-teams');
  const select = byId('start-team');
  select.append(...teams.map((t) => el('option', { text: t.name, attrs: { value: t.id } })));
  byId('team-field').hidden = teams.length === 0;
}

/**
 * Shows the start form and the recent sessions; {@code started(created, teamId)} gets the new session
 * ({id, supportKey, customerUrl, expiresAt, status, relayPath}).
 */
export async function showHome(started) {
  try {
    await Promise.all([offerTeams(), showRecent().catch((error) => showError(byId('recent-error'), error))]);
  } catch (error) {
    showFailure(byId('page-error'), error);
    return;
  }
  onSubmit(byId('start-form'), async ({ teamId }) => {
    const created = await api.post('/api/v1/support-sessions', teamId ? { teamId } : {});
    started(created, teamId);
  });
  byId('home').hidden = false;
}
