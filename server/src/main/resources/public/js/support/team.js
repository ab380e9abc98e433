// One support team on teams.html: the shared queue every member sees (refreshed every 5 s, with
// "Pick up"), and for a supervisor the portal link, adding members and the overview — metadata
// only, as the server keeps no more.
import { api } from '../api.js';
import { byId, onSubmit, showError } from '../ui.js';
import { el, formatCompact, zoneLabel } from '../meetings/common.js';
import { STATUS_NAMES, cell, copy, personName, timeOfDay } from './common.js';

export const ROLE_NAMES = { supervisor: 'Supervisor', technician: 'Technician' };
const REFRESH_MS = 5000;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

function pickUpButton(entry) {
  const name = entry.customerName || 'this customer';
  const button = el('button', { className: 'small', text: 'Pick up',
    attrs: { type: 'button', 'aria-label': 'Pick up ' + name, 'data-entry': entry.id } });
  button.addEventListener('click', async () => {
    const alert = byId('queue-error');
    alert.textContent = '';
    button.disabled = true;
    try {
      const view = await api.post('/api/v1/support-sessions/' + encodeURIComponent(entry.id) + '/pickup');
      window.location.assign('/support.html?id=' + encodeURIComponent(view?.id || entry.id));
    } catch (error) {
      button.disabled = false;
      showError(alert, error);
      alert.focus();
    }
  });
  return button;
}

function queueRow(entry) {
  return el('tr', {},
    cell(entry.customerName || '—', 'Customer'),
    el('td', { className: 'problem', text: entry.problem || '—', attrs: { 'data-label': 'Problem' } }),
    cell(timeOfDay(entry.waitingSince), 'Waiting since'),
    cell(entry.customerConnected ? 'Connected' : 'Not yet', 'Agent'),
    cell(null, 'Action', pickUpButton(entry)));
}

function historyRow(h) {
  return el('tr', {},
    cell(formatCompact(h.createdAt), 'Requested'),
    cell(personName(h.technician) || '—', 'Technician'),
    cell(h.customerName || '—', 'Customer'),
    cell(formatCompact(h.startedAt) || '—', 'Started'),
    cell(formatCompact(h.endedAt) || '—', 'Ended'),
    cell(null, 'Status', el('span', { className: 'badge status-' + h.status, text: STATUS_NAMES[h.status] || h.status })));
}

/**
 * Redraws {@code rows} only when what they show changed, so a refresh does not take away the focus;
 * when it does redraw, a focused button goes back to the same entry's button, if it is still there.
 */
function redraw(rows, list, makeRow, shown) {
  const text = JSON.stringify(list);
  if (shown.get(rows) === text) return;
  shown.set(rows, text);
  const focused = rows.contains(document.activeElement) ? document.activeElement.dataset?.entry : undefined;
  rows.replaceChildren(...list.map(makeRow));
  if (focused) {
    const again = [...rows.querySelectorAll('button[data-entry]')].find((b) => b.dataset.entry === focused);
    if (again) again.focus();
  }
}

class TeamPage {
  #team;
  #shown = new Map();
  #refreshFailed = false;

  constructor(team) {
    this.#team = team;
  }

  get #path() {
    return '/api/v1/support-teams/' + encodeURIComponent(this.#team.id);
  }

  async refreshQueue() {
    try {
      const { waiting } = await api.get(this.#path + '/queue');
      redraw(byId('queue-rows'), waiting, queueRow, this.#shown);
      byId('queue-wrap').hidden = waiting.length === 0;
      const summary = waiting.length === 0 ? 'No one is waiting.'
        : waiting.length === 1 ? '1 customer is waiting.' : waiting.length + ' customers are waiting.';
      if (byId('queue-summary').textContent !== summary) byId('queue-summary').textContent = summary;
      // only our own refresh's failure is cleared: a refused Pick up stays said until the next click
      if (this.#refreshFailed) byId('queue-error').textContent = '';
      this.#refreshFailed = false;
    } catch (error) {
      this.#refreshFailed = true;
      showError(byId('queue-error'), error);
    }
  }

  async refreshOverview() {
    try {
      const overview = await api.get(this.#path + '/overview');
      byId('overview-queue').textContent = String(overview.queueLength);
      byId('overview-active').textContent = String(Array.isArray(overview.active) ? overview.active.length : overview.active);
      redraw(byId('history-rows'), overview.history, historyRow, this.#shown);
      byId('history-wrap').hidden = overview.history.length === 0;
      byId('history-empty').hidden = overview.history.length > 0;
      byId('overview-error').textContent = '';
    } catch (error) {
      showError(byId('overview-error'), error);
    }
  }

  async refreshMembers() {
    try {
      const { members } = await api.get(this.#path + '/members');
      byId('member-list').replaceChildren(...members.map((m) => el('li', {},
        el('span', { className: 'person-name', text: m.name + ' ' }, el('span', { className: 'hint', text: m.email })),
        el('span', { className: 'badge', text: ROLE_NAMES[m.role] || m.role }))));
    } catch (error) {
      showError(byId('member-error'), error);
    }
  }

  wireSupervisor() {
    const portal = this.#team.portalUrl || window.location.origin + '/customer.html?team=' + encodeURIComponent(this.#team.id);
    byId('portal-url').value = portal;
    byId('copy-portal').addEventListener('click', () => copy(portal, byId('portal-url'), byId('portal-status')));
    byId('history-caption').textContent = 'Sessions of this team, newest first; times in ' + zoneLabel() + '.';
    onSubmit(byId('member-form'), async ({ email, role }, form) => {
      const address = email.trim();
      if (!EMAIL.test(address)) {
        byId('member-error').textContent = 'Enter the email address of the person’s Parley account.';
        byId('member-email').focus();
        return;
      }
      await api.post(this.#path + '/members', { email: address, role });
      form.reset();
      byId('member-status').textContent = address + ' is now a ' + ROLE_NAMES[role].toLowerCase() + ' of ' + this.#team.name + '.';
      await this.refreshMembers();
    });
    this.refreshMembers();
    byId('supervisor').hidden = false;
  }
}

/** Shows {@code team} ({id, name, role, portalUrl}) and keeps its queue (and overview) fresh. */
export function showTeam(team) {
  const page = new TeamPage(team);
  const supervisor = team.role === 'supervisor';
  document.title = team.name + ' – Support teams – Parley';
  byId('team-name').textContent = team.name;
  byId('team-role').textContent = 'You: ' + (ROLE_NAMES[team.role] || team.role);
  byId('queue-caption').textContent = 'Customers waiting, longest first; times in ' + zoneLabel() + '.';
  if (supervisor) page.wireSupervisor();
  const refresh = () => Promise.all([page.refreshQueue(), supervisor ? page.refreshOverview() : null]);
  refresh();
  setInterval(() => {
    if (!document.hidden) refresh();
  }, REFRESH_MS);
  byId('team').hidden = false;
}
