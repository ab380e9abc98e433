// The organizer's part of the meeting page: registrants with approve/decline, the attendance
// report, each with its CSV download.
import { api } from '../api.js';
import { byId, showError } from '../ui.js';
import { STATUSES, el, formatCompact, zoneLabel } from './common.js';

function cell(text, label) {
  return el('td', { text, attrs: { 'data-label': label } });
}

// what people typed (names, addresses, answers) may be one long word: it wraps inside a column of
// bounded width instead of pushing the other columns out of view (meetings.css, .typed)
function typedCell(text, label) {
  return el('td', { attrs: { 'data-label': label } }, el('span', { className: 'typed', text }));
}

function summary(view, registrants) {
  const counts = { approved: 0, pending: 0, declined: 0 };
  for (const r of registrants) {
    counts[r.status] = (counts[r.status] || 0) + 1;
  }
  const parts = [registrants.length + (registrants.length === 1 ? ' registration' : ' registrations')];
  if (counts.pending) {
    parts.push(counts.pending + ' waiting for your approval');
  }
  if (counts.declined) {
    parts.push(counts.declined + ' declined');
  }
  const capacity = view.registration && view.registration.capacity;
  parts.push(capacity ? capacity + ' seats in all' : 'no seat limit');
  return parts.join(' · ') + '.';
}

function decisionButtons(meetingId, r, refresh) {
  const wrap = el('span', { className: 'row-actions' });
  const decide = async (status, button) => {
    const alert = byId('registrants-error');
    alert.textContent = '';
    button.disabled = true;
    try {
      await api.patch('/api/v1/meetings/' + meetingId + '/registrations/' + r.id, { status });
      byId('registrants-status').textContent = r.firstName + ' ' + r.lastName + ' is '
        + (status === 'approved' ? 'approved and gets the join link by mail.' : 'declined and is told by mail.');
      await refresh();
    } catch (error) {
      button.disabled = false;
      showError(alert, error);
      alert.focus();
    }
  };
  const name = r.firstName + ' ' + r.lastName;
  if (r.status !== 'approved') {
    const approve = el('button', { className: 'small', text: 'Approve', attrs: { type: 'button', 'aria-label': 'Approve ' + name } });
    approve.addEventListener('click', () => decide('approved', approve));
    wrap.append(approve);
  }
  if (r.status !== 'declined') {
    const decline = el('button', { className: 'small secondary', text: 'Decline', attrs: { type: 'button', 'aria-label': 'Decline ' + name } });
    decline.addEventListener('click', () => decide('declined', decline));
    wrap.append(decline);
  }
  return wrap;
}

/** Fills the registrants section of {@code view} (a webinar or training the viewer organizes). */
export async function showRegistrants(view) {
  const section = byId('registrants-section');
  const questions = (view.registration && view.registration.fields) || [];
  const refresh = async () => {
    const registrants = await api.get('/api/v1/meetings/' + view.id + '/registrations');
    byId('registrants-summary').textContent = summary(view, registrants);
    const heading = (text) => el('th', { text, attrs: { scope: 'col' } });
    byId('registrants-head').replaceChildren(el('tr', {}, ...['Name', 'Email', 'Status', 'Registered'].map(heading),
      // the organizer's own questions can be long: they wrap like the answers below them
      ...questions.map((q) => el('th', { attrs: { scope: 'col' } }, el('span', { className: 'typed', text: q }))),
      heading('Decision')));
    byId('registrants-rows').replaceChildren(...registrants.map((r) => el('tr', {},
      typedCell(r.firstName + ' ' + r.lastName, 'Name'),
      typedCell(r.email, 'Email'),
      el('td', { attrs: { 'data-label': 'Status' } }, el('span', { className: 'badge status-' + r.status, text: STATUSES[r.status] || r.status })),
      cell(formatCompact(r.registeredAt), 'Registered'),
      ...questions.map((q) => typedCell((r.answers && r.answers[q]) || '', q)),
      el('td', { attrs: { 'data-label': 'Decision' } }, decisionButtons(view.id, r, refresh)))));
    byId('registrants-table').hidden = registrants.length === 0;
    byId('registrants-empty').hidden = registrants.length > 0;
  };
  byId('registrants-caption').textContent = 'Registrations, oldest first; times in ' + zoneLabel() + '.';
  byId('registrants-csv').href = '/api/v1/meetings/' + encodeURIComponent(view.id) + '/registrations?format=csv';
  section.hidden = false;
  try {
    await refresh();
  } catch (error) {
    showError(byId('registrants-error'), error);
  }
}

/** Fills the attendance report: who joined which session, when, for how long. */
export async function showAttendance(view) {
  const section = byId('attendance-section');
  byId('attendance-caption').textContent = 'Who joined, with times in ' + zoneLabel() + '.';
  byId('attendance-csv').href = '/api/v1/meetings/' + encodeURIComponent(view.id) + '/attendance?format=csv';
  section.hidden = false;
  try {
    const stays = await api.get('/api/v1/meetings/' + view.id + '/attendance');
    byId('attendance-rows').replaceChildren(...stays.map((s) => el('tr', {},
      cell(String(s.session), 'Session'),
      typedCell(s.name, 'Name'),
      typedCell(s.email || '', 'Email'),
      cell(formatCompact(s.joinedAt), 'Joined'),
      cell(s.leftAt ? formatCompact(s.leftAt) : 'still there', 'Left'),
      cell(s.minutes === null ? '' : String(s.minutes), 'Minutes'))));
    byId('attendance-table').hidden = stays.length === 0;
    byId('attendance-empty').hidden = stays.length > 0;
  } catch (error) {
    showError(byId('attendance-error'), error);
  }
}
