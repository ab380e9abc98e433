// The operator's page (PARLEY_ADMIN_EMAILS): accounts, live rooms, the security log, retention
// and publishing a privacy-policy version. Everything shown is text set with textContent.
import { api, ApiError } from './api.js';
import { byId, clear, formatDay, formatTime, onSubmit, showError } from './ui.js';
import { el } from './meetings/common.js';

async function searchAccounts(query) {
  const found = await api.get('/api/v1/operator/accounts?q=' + encodeURIComponent(query));
  byId('account-status').textContent = found.accounts.length === 0 ? 'No account matches.'
    : found.accounts.length + (found.accounts.length === 1 ? ' account' : ' accounts') + (query ? ' match.' : ', newest first.');
  byId('account-table').tBodies[0].replaceChildren(...found.accounts.map((a) => accountRow(a, query)));
}

function accountRow(account, query) {
  const state = account.disabledAt ? 'Disabled since ' + formatDay(account.disabledAt)
    : !account.emailVerified ? 'Email not confirmed' : account.operator ? 'Operator' : 'Active';
  const action = el('button', {
    text: account.disabledAt ? 'Enable' : 'Disable',
    className: account.disabledAt ? 'secondary' : 'danger',
    attrs: { type: 'button', 'aria-label': (account.disabledAt ? 'Enable ' : 'Disable ') + account.email },
  });
  action.addEventListener('click', async () => {
    const disabling = !account.disabledAt;
    if (disabling && !window.confirm('Disable ' + account.email + '? They are signed out at once, leave every meeting '
        + 'and cannot sign in until you enable the account again.')) {
      return;
    }
    action.disabled = true;
    clear(byId('account-error'));
    try {
      await api.post('/api/v1/operator/accounts/' + encodeURIComponent(account.id) + (disabling ? '/disable' : '/enable'));
      await searchAccounts(query);
      byId('account-status').textContent = account.email + (disabling ? ' is disabled.' : ' is enabled again.');
    } catch (error) {
      showError(byId('account-error'), error);
      action.disabled = false;
    }
  });
  return el('tr', {}, el('td', { text: account.email, className: 'wrap' }),
    el('td', { text: account.firstName + ' ' + account.lastName, className: 'wrap' }),
    el('td', { text: formatDay(account.createdAt) }), el('td', { text: state }), el('td', {}, action));
}

const KINDS = { meeting: 'Meeting', support: 'Support session', computer: 'Computer', unknown: 'Room' };

async function showRooms() {
  clear(byId('rooms-error'));
  try {
    const { rooms } = await api.get('/api/v1/operator/rooms');
    byId('rooms-empty').hidden = rooms.length > 0;
    byId('rooms-table').tBodies[0].replaceChildren(...rooms.map((room) => el('tr', {},
      el('td', { text: KINDS[room.kind] ?? room.kind }),
      el('td', { text: room.owner ?? '–', className: 'wrap' }),
      el('td', { text: formatTime(room.opened) }),
      el('td', { text: room.admitted + ' / ' + room.waiting }),
      el('td', { className: 'wrap' }, el('ul', { className: 'plain' }, ...room.present.map((p) => el('li', {
        text: p.name + ' (' + p.role + (p.admitted ? '' : ', waiting') + ', since ' + formatTime(p.since) + ')',
      })))))));
  } catch (error) {
    showError(byId('rooms-error'), error);
  }
}

async function showLog(event) {
  const { entries } = await api.get('/api/v1/operator/security-log' + (event ? '?event=' + encodeURIComponent(event) : ''));
  byId('log-table').tBodies[0].replaceChildren(...entries.map((e) => el('tr', { className: e.level === 'INFO' ? '' : 'warning' },
    el('td', { text: formatTime(e.at) }), el('td', { text: e.event }), el('td', { text: e.ip ?? '–' }),
    el('td', { text: e.userAgent ?? '–', className: 'wrap' }),
    el('td', { text: [e.subject, e.detail].filter(Boolean).join(' · ') || '–', className: 'wrap' }))));
}

async function showRetention() {
  const periods = await api.get('/api/v1/operator/retention');
  byId('quality-days').value = periods.qualityDays;
  byId('security-days').value = periods.securityLogDays;
}

async function showPolicy() {
  const policy = await api.get('/api/v1/policy');
  byId('policy-current').textContent = 'In force: version ' + policy.version + ' since ' + formatDay(policy.effectiveAt) + '.'
    + (policy.upcoming ? ' Published: version ' + policy.upcoming.version + ', from ' + formatDay(policy.upcoming.effectiveAt) + '.' : '');
  if (!byId('policy-text').value) {
    byId('policy-text').value = (policy.upcoming ?? policy).text;
  }
}

function wholeNumber(text) {
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : text;
}

async function start() {
  let verdict;
  try {
    verdict = await api.get('/api/v1/operator');
  } catch (error) {
    const alert = byId('page-error');
    alert.hidden = false;
    showError(alert, error instanceof ApiError && error.status === 401 ? 'Please sign in first, with an operator\'s account.' : error);
    return;
  }
  if (!verdict.operator) {
    const alert = byId('page-error');
    alert.hidden = false;
    alert.textContent = 'This page is for the operators of this Parley server (PARLEY_ADMIN_EMAILS). Your account is not one of them.';
    return;
  }
  byId('operator').hidden = false;
  onSubmit(byId('account-search'), (values) => searchAccounts(values.q.trim()));
  byId('rooms-refresh').addEventListener('click', showRooms);
  onSubmit(byId('log-filter'), (values) => showLog(values.event.trim()));
  onSubmit(byId('retention-form'), async (values) => {
    clear(byId('retention-saved'));
    const saved = await api.put('/api/v1/operator/retention',
      { qualityDays: wholeNumber(values.qualityDays), securityLogDays: wholeNumber(values.securityLogDays) });
    byId('retention-saved').textContent = 'Saved: quality reports ' + saved.qualityDays + ' days, security log '
      + saved.securityLogDays + ' days.';
  });
  onSubmit(byId('policy-form'), async (values) => {
    clear(byId('policy-published'));
    const effective = new Date(values.effectiveAt);
    const published = await api.post('/api/v1/operator/policies', {
      effectiveAt: Number.isNaN(effective.getTime()) ? values.effectiveAt : effective.toISOString(),
      material: values.material,
      text: values.text,
    });
    byId('policy-published').textContent = 'Published version ' + published.version + ', in force from '
      + formatTime(published.effectiveAt) + '.';
    await showPolicy();
  });
  const failures = await Promise.allSettled([searchAccounts(''), showRooms(), showLog(''), showRetention(), showPolicy()]);
  const failed = failures.find((f) => f.status === 'rejected');
  if (failed) {
    const alert = byId('page-error');
    alert.hidden = false;
    showError(alert, failed.reason);
  }
}

start();
