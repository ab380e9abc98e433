// A registrant's own page, reached from the link in every mail about the event: what they
// registered for, their materials, and removing the registration with the details in it.
import { api } from '../api.js';
import { byId, onSubmit, showError, takeQueryParameters } from '../ui.js';
import { KINDS, STATUSES, showParagraphs, showSchedule } from './common.js';
import { showMaterials } from './materials.js';

// the token stands in for a password: read it once, then take it out of the address bar
const token = takeQueryParameters().get('token') || '';

function show(personal) {
  const event = personal.event;
  const r = personal.registration;
  byId('kind').textContent = KINDS[event.kind] || event.kind;
  byId('subject').textContent = event.subject;
  showSchedule(byId('schedule'), event);
  byId('organizer').textContent = event.organizer.name;
  showParagraphs(byId('description'), event.description);
  byId('description').hidden = !event.description;
  byId('cancelled-note').hidden = !event.cancelled;
  byId('registrant-name').textContent = r.firstName + ' ' + r.lastName;
  byId('registrant-email').textContent = r.email;
  byId('registrant-status').textContent = STATUSES[r.status] || r.status;
  if (r.status === 'approved' && !event.cancelled) {
    byId('personal-link').href = '/meeting.html?id=' + encodeURIComponent(event.id) + '&registration=' + encodeURIComponent(token);
    byId('personal-link-row').hidden = false;
  }
  if (event.kind === 'training') {
    byId('materials-section').hidden = false;
    showMaterials(byId('materials'), personal.materials || [],
      (m) => '/api/v1/registrations/' + encodeURIComponent(token) + '/materials/' + encodeURIComponent(m.id));
  }
  byId('details').hidden = false;
}

onSubmit(byId('remove-form'), async () => {
  const result = await api.del('/api/v1/registrations/' + encodeURIComponent(token));
  byId('details').hidden = true;
  byId('remove-form').hidden = true;
  byId('removed-text').textContent = (result && result.message) || 'Your registration is removed.';
  byId('removed').hidden = false;
  byId('remove-title').textContent = 'Registration removed';
  byId('remove-title').focus();
});

async function start() {
  if (!token) {
    byId('page-error').textContent = 'This page needs the link from your registration mail. Open the link in that mail again.';
    byId('page-error').hidden = false;
    byId('remove-section').hidden = true;
    return;
  }
  try {
    show(await api.get('/api/v1/registrations/' + encodeURIComponent(token)));
  } catch (error) {
    showError(byId('page-error'), error);
    byId('page-error').hidden = false;
    // a link that is no longer valid cannot remove anything either; any other failure to show the
    // details must not stand between a person and removing their data
    byId('remove-section').hidden = error.code === 'invalid_token';
  }
}

start();
