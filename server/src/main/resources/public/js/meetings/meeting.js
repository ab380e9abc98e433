// The meeting page: what, when, who, the link to share and the calendar file; for the organizer
// also changing, cancelling, registrants and attendance. A registrant without an account comes
// with ?registration=<token> from their mail and sees their event through that token instead.
import { api } from '../api.js';
import { byId, showError } from '../ui.js';
import { KINDS, ROLES, STATUSES, copyText, el, idFromAddress, showLoadFailure, showParagraphs, showSchedule } from './common.js';
import { manageMaterials, showMaterials } from './materials.js';
import { showAttendance, showRegistrants } from './organizer.js';
import { takeInvitationKey } from '../session/invitation.js';

const params = new URLSearchParams(window.location.search);
const id = idFromAddress(params);
const token = params.get('registration');

// the invitation link's #k= lets its holder in without waiting; keep it for the session page
function keepInvitation() {
  if (takeInvitationKey(id) !== null) {
    byId('invitation-kept').textContent = 'Your invitation link lets you in directly when you join.';
  }
  byId('join-now').href = '/session.html?id=' + encodeURIComponent(id) + (token ? '&registration=' + encodeURIComponent(token) : '');
}

function showCommon(view) {
  document.title = view.subject + ' – Parley';
  byId('kind').textContent = KINDS[view.kind] || view.kind;
  byId('subject').textContent = view.subject;
  showSchedule(byId('schedule'), view);
  byId('organizer').textContent = view.organizer.name;
  showParagraphs(byId('description'), view.description);
  byId('description').hidden = !view.description;
  byId('cancelled-note').hidden = !view.cancelled;
  byId('join-section').hidden = view.cancelled;
  byId('meeting').hidden = false;
}

function wireCopy(inputId, buttonId, statusId, value) {
  byId(inputId).value = value;
  byId(buttonId).addEventListener('click', () => copyText(value, byId(inputId), byId(statusId)));
}

function showInvitees(invitees, admitSignedIn) {
  byId('invitees-section').hidden = invitees.length === 0;
  byId('invitees').replaceChildren(...invitees.map((address) => el('li', { text: address })));
  // how invitees get in (protocol README §8): the link's key proves an invitation; the sign-in only if chosen
  byId('invitees-admission').textContent = admitSignedIn
    ? 'Invitees who are signed in join without waiting. This trusts Parley’s sign-in: whoever controls this server '
      + 'could let someone in as an invitee.'
    : 'Invitees with the invitation link join at once; those who come through the invitation mail wait until someone '
      + 'holding the key lets them in.';
}

function showCancel(view) {
  const ask = byId('cancel-confirm');
  byId('cancel-button').addEventListener('click', () => {
    ask.hidden = false;
    byId('cancel-yes').focus();
  });
  byId('cancel-no').addEventListener('click', () => {
    ask.hidden = true;
    byId('cancel-button').focus();
  });
  byId('cancel-yes').addEventListener('click', async () => {
    const alert = byId('cancel-error');
    alert.textContent = '';
    byId('cancel-yes').disabled = true;
    try {
      await api.del('/api/v1/meetings/' + view.id);
      window.location.reload();
    } catch (error) {
      byId('cancel-yes').disabled = false;
      showError(alert, error);
      alert.focus();
    }
  });
  byId('cancel-what').textContent = view.kind === 'meeting'
    ? 'Cancel "' + view.subject + '"? Everyone invited gets a cancellation by mail that removes it from their calendar.'
    : 'Cancel "' + view.subject + '"? Everyone invited or registered gets a cancellation by mail, and registration closes.';
}

async function showSignedIn() {
  const view = await api.get('/api/v1/meetings/' + id);
  showCommon(view);
  byId('role').textContent = ROLES[view.role] || view.role;
  wireCopy('join-url', 'copy-join', 'copy-status', view.joinUrl);
  byId('join-link-field').hidden = false;
  byId('ics-link').href = '/api/v1/meetings/' + encodeURIComponent(view.id) + '/calendar.ics';
  byId('ics-link').hidden = false;
  showInvitees(view.invitees || [], view.admitSignedInInvitees === true);
  if (view.registrationUrl && view.role === 'organizer') {
    wireCopy('event-url', 'copy-event', 'event-copy-status', view.registrationUrl);
    byId('event-open').href = new URL(view.registrationUrl).pathname + new URL(view.registrationUrl).search;
    byId('event-section').hidden = view.cancelled;
  }
  const organizer = view.role === 'organizer';
  if (view.kind === 'training') {
    byId('materials-section').hidden = !organizer && !(view.materials && view.materials.length);
    if (organizer && !view.cancelled) {
      manageMaterials(byId('materials'), view.id, view.materials || []);
    } else {
      showMaterials(byId('materials'), view.materials || [],
        (m) => '/api/v1/meetings/' + encodeURIComponent(view.id) + '/materials/' + encodeURIComponent(m.id));
    }
  }
  if (!organizer) {
    return;
  }
  byId('organizer-actions').hidden = view.cancelled;
  byId('edit-link').href = '/schedule.html?id=' + encodeURIComponent(view.id);
  byId('quality-link').href = '/quality.html?id=' + encodeURIComponent(view.id);
  showCancel(view);
  if (view.kind !== 'meeting') {
    await showRegistrants(view);
  }
  await showAttendance(view);
}

async function showForRegistrant() {
  const personal = await api.get('/api/v1/registrations/' + encodeURIComponent(token));
  const view = personal.event;
  showCommon(view);
  const r = personal.registration;
  byId('role').textContent = 'Registered as ' + r.firstName + ' ' + r.lastName + ' (' + r.email + ') · '
    + (STATUSES[r.status] || r.status);
  byId('manage-registration').href = '/registration.html?token=' + encodeURIComponent(token);
  byId('manage-registration-row').hidden = false;
  byId('join-section').hidden = view.cancelled || r.status !== 'approved'; // the relay lets in approved registrants only
  if (view.kind === 'training') {
    byId('materials-section').hidden = false;
    showMaterials(byId('materials'), personal.materials || [],
      (m) => '/api/v1/registrations/' + encodeURIComponent(token) + '/materials/' + encodeURIComponent(m.id));
  }
}

async function start() {
  if (!id) {
    byId('page-error').textContent = 'This address names no meeting. Open the link from your invitation or from My meetings.';
    byId('page-error').hidden = false;
    return;
  }
  keepInvitation();
  try {
    await (token ? showForRegistrant() : showSignedIn());
  } catch (error) {
    byId('meeting').hidden = true;
    if (token) {
      showError(byId('page-error'), error);
      byId('page-error').hidden = false;
    } else {
      showLoadFailure(byId('page-error'), error, 'meeting');
    }
  }
}

start();
