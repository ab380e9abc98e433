// Scheduling a meeting, webinar or training, and changing one (?id=…). The form shows only what
// the chosen kind has: repetition for meetings, registration for webinars and trainings, a list
// of sessions and materials for trainings.
import { api, ApiError } from '../api.js';
import { byId, onSubmit, showError, takeQueryParameters } from '../ui.js';
import { KINDS, el, idFromAddress, parseRecurrence, showLoadFailure } from './common.js';
import { manageMaterials, uploadMaterial } from './materials.js';
import { browserZone, isoOf, wallClockOf, zoneNames } from './time.js';

const form = byId('schedule-form');
const params = takeQueryParameters();
const editing = idFromAddress(params);
let original = null;
let sessionCount = 0;
let questionCount = 0;

function kind() {
  return form.querySelector('input[name="kind"]:checked').value;
}

function fillZones(selected, ...extra) {
  const select = byId('time-zone');
  select.replaceChildren(...zoneNames(selected, ...extra).map((zone) => el('option', { text: zone.replaceAll('_', ' '), attrs: { value: zone } })));
  select.value = selected;
}

/** Shows the parts of the form the chosen kind has. */
function showKind() {
  const k = kind();
  const training = k === 'training';
  byId('single-time').hidden = training;
  byId('sessions-block').hidden = !training;
  byId('now-row').hidden = training || editing !== null;
  byId('recurrence-block').hidden = k !== 'meeting';
  byId('registration-set').hidden = k === 'meeting';
  byId('materials-set').hidden = !training;
  byId('invitees-label').textContent = k === 'meeting' ? 'Email addresses' : 'Email addresses (optional)';
  byId('invitees-hint').textContent = k === 'meeting'
    ? 'One per line or separated by commas, up to 200. Each gets an invitation with a calendar file.'
    : 'Co-hosts or guests to invite directly, one per line. Everyone else registers on the public page.';
  if (training && sessionCount === 0) {
    addSession(byId('start-day').value, byId('start-time').value, byId('duration').value);
  }
  byId('submit').textContent = editing ? 'Save changes' : 'Schedule ' + KINDS[k].toLowerCase();
  showStartNow();
}

function showStartNow() {
  const now = byId('start-now').checked && !byId('now-row').hidden;
  for (const id of ['start-day', 'start-time']) {
    byId(id).disabled = now;
  }
}

function renumber(list, label) {
  [...list.children].forEach((item, index) => {
    item.querySelector('.item-title').textContent = label + ' ' + (index + 1);
  });
}

function addSession(day = '', time = '', minutes = '60') {
  sessionCount += 1;
  const n = sessionCount;
  const field = (id, text, input) => el('p', { className: 'field' }, el('label', { text, attrs: { for: id } }), input);
  const item = el('li', { className: 'session', attrs: { role: 'group', 'aria-labelledby': 'session-title-' + n } },
    el('span', { className: 'item-title', attrs: { id: 'session-title-' + n } }),
    el('div', { className: 'row three' },
      field('session-day-' + n, 'Date', el('input', { className: 'session-day', attrs: { type: 'date', id: 'session-day-' + n, required: '' } })),
      field('session-time-' + n, 'Start time', el('input', { className: 'session-time', attrs: { type: 'time', id: 'session-time-' + n, required: '' } })),
      field('session-minutes-' + n, 'Minutes', el('input', { className: 'session-minutes',
        attrs: { type: 'number', id: 'session-minutes-' + n, min: '5', max: '1440', step: '5', required: '' } }))),
    el('button', { className: 'link-button', text: 'Remove this session', attrs: { type: 'button' } }));
  item.querySelector('.session-day').value = day;
  item.querySelector('.session-time').value = time;
  item.querySelector('.session-minutes').value = minutes;
  item.querySelector('button').addEventListener('click', () => {
    if (byId('sessions').children.length === 1) {
      showError(form.querySelector('[role="alert"]'), 'A training needs at least one session.');
      return;
    }
    item.remove();
    renumber(byId('sessions'), 'Session');
    byId('add-session').focus();
  });
  byId('sessions').append(item);
  renumber(byId('sessions'), 'Session');
  return item;
}

function addQuestion(text = '') {
  questionCount += 1;
  const id = 'question-' + questionCount;
  const input = el('input', { className: 'question', attrs: { id, maxlength: '200' } });
  input.value = text;
  const item = el('li', { className: 'question-row' },
    el('label', { className: 'item-title', attrs: { for: id } }), input,
    el('button', { className: 'link-button', text: 'Remove', attrs: { type: 'button' } }));
  item.querySelector('button').addEventListener('click', () => {
    item.remove();
    renumber(byId('questions'), 'Question');
    byId('add-question').disabled = false;
    byId('add-question').focus();
  });
  byId('questions').append(item);
  renumber(byId('questions'), 'Question');
  byId('add-question').disabled = byId('questions').children.length >= 10;
  return input;
}

/** A refusal of the form itself, with the field to fix focused. */
class FormProblem extends Error {
  constructor(message, field) {
    super(message);
    this.field = field;
  }
}

function number(id, what) {
  const text = byId(id).value.trim();
  if (!/^\d+$/.test(text)) {
    throw new FormProblem(what + ' must be a whole number.', byId(id));
  }
  return Number(text);
}

function startOf(dayInput, timeInput, zone) {
  if (!dayInput.value) {
    throw new FormProblem('Choose a date' + (byId('now-row').hidden ? '.' : ', or tick "Start now".'), dayInput);
  }
  if (!timeInput.value) {
    throw new FormProblem('Choose a start time.', timeInput);
  }
  return isoOf(dayInput.value, timeInput.value, zone);
}

function inviteeList() {
  return byId('invitees').value.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
}

/** The request body the form describes; when editing, only what changed of the times. */
function body() {
  const k = kind();
  const zone = byId('time-zone').value;
  const subject = byId('subject').value.trim();
  if (!subject) {
    throw new FormProblem('Give it a subject, so people know what it is about.', byId('subject'));
  }
  const out = { subject, timeZone: zone, invitees: inviteeList(), admitSignedInInvitees: byId('admit-signed-in').checked };
  // The API refuses line breaks (they are control characters to Text.check) and an empty string
  // (null means "unchanged"), so for now paragraphs become one line and an empty field is left out.
  const description = byId('description').value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  if (description || (original && original.description)) {
    out.description = description;
  }
  if (!editing) {
    out.kind = k;
  }
  if (k === 'training') {
    const sessions = [...byId('sessions').children].map((item) => ({
      startsAt: startOf(item.querySelector('.session-day'), item.querySelector('.session-time'), zone),
      durationMinutes: number(item.querySelector('.session-minutes').id, 'The length of each session'),
    }));
    if (!original || !sameSessions(sessions, original.sessions)) {
      out.sessions = sessions;
    }
  } else {
    const minutes = number('duration', 'Duration');
    if (!byId('start-now').checked || editing) {
      const startsAt = startOf(byId('start-day'), byId('start-time'), zone);
      if (!original || Date.parse(startsAt) !== Date.parse(original.startsAt)) {
        out.startsAt = startsAt;
      }
    }
    if (!original || minutes !== original.durationMinutes) {
      out.durationMinutes = minutes;
    }
  }
  if (k === 'meeting') {
    const frequency = byId('repeat').value;
    if (frequency) {
      out.recurrence = { frequency, count: number('repeat-count', 'The number of meetings') };
    }
  } else {
    const capacity = byId('capacity').value.trim();
    out.registration = {
      fields: [...byId('questions').querySelectorAll('.question')].map((q) => q.value.trim()).filter(Boolean),
      approval: byId('approval').checked,
      capacity: capacity ? number('capacity', 'Seats') : null,
    };
  }
  return out;
}

function sameSessions(a, b) {
  return a.length === b.length && a.every((s, i) => Date.parse(s.startsAt) === Date.parse(b[i].startsAt)
    && s.durationMinutes === b[i].durationMinutes);
}

async function uploadQueued(id) {
  const failed = [];
  for (const file of byId('new-materials').files) {
    try {
      await uploadMaterial(id, file);
    } catch (error) {
      failed.push('"' + file.name + '": ' + error.message);
    }
  }
  return failed;
}

onSubmit(form, async () => {
  let request;
  try {
    request = body();
  } catch (problem) {
    if (problem instanceof FormProblem) {
      problem.field.focus();
      throw problem.message;
    }
    throw problem;
  }
  const saved = editing
    ? await api.patch('/api/v1/meetings/' + editing, request)
    : await api.post('/api/v1/meetings', request);
  if (!editing && saved.kind === 'training' && byId('new-materials').files.length) {
    const failed = await uploadQueued(saved.id);
    if (failed.length) {
      // the training exists: turn the page into its edit form so a retry changes, not duplicates
      sessionStorage.setItem('parley-upload-failures', failed.join(' '));
      window.location.replace('/schedule.html?id=' + encodeURIComponent(saved.id));
      return;
    }
  }
  window.location.assign('/meeting.html?id=' + encodeURIComponent(saved.id));
});

function defaults() {
  const zone = browserZone();
  fillZones(zone);
  const nextHour = new Date(Math.ceil((Date.now() + 60_000) / 3_600_000) * 3_600_000);
  const start = wallClockOf(nextHour.toISOString(), zone);
  byId('start-day').value = start.day;
  byId('start-time').value = start.time;
  const asked = params.get('kind');
  if (asked && KINDS[asked]) {
    form.querySelector('input[name="kind"][value="' + asked + '"]').checked = true;
  }
}

function fill(view) {
  original = view;
  form.querySelector('input[name="kind"][value="' + view.kind + '"]').checked = true;
  for (const radio of form.querySelectorAll('input[name="kind"]')) {
    radio.disabled = true;
  }
  byId('kind-hint').hidden = false;
  byId('subject').value = view.subject;
  byId('description').value = view.description || '';
  fillZones(view.timeZone);
  const start = wallClockOf(view.startsAt, view.timeZone);
  byId('start-day').value = start.day;
  byId('start-time').value = start.time;
  byId('duration').value = String(view.durationMinutes);
  if (view.kind === 'training') {
    byId('sessions').replaceChildren();
    sessionCount = 0;
    for (const s of view.sessions) {
      const at = wallClockOf(s.startsAt, view.timeZone);
      addSession(at.day, at.time, String(s.durationMinutes));
    }
  }
  const repeat = parseRecurrence(view.recurrence);
  if (repeat) {
    byId('repeat').value = repeat.frequency;
    byId('repeat-count').value = String(repeat.count);
    // the API keeps a repetition when asked to drop it (null reads as "unchanged")
    byId('repeat').querySelector('option[value=""]').disabled = true;
    byId('repeat-hint').hidden = false;
  }
  byId('invitees').value = (view.invitees || []).join('\n');
  byId('admit-signed-in').checked = view.admitSignedInInvitees === true;
  if (view.registration) {
    for (const question of view.registration.fields) {
      addQuestion(question);
    }
    byId('approval').checked = view.registration.approval;
    byId('capacity').value = view.registration.capacity === null ? '' : String(view.registration.capacity);
  }
  byId('new-materials-field').hidden = true;
  manageMaterials(byId('materials'), view.id, view.materials || []);
  byId('cancel-link').href = '/meeting.html?id=' + encodeURIComponent(view.id);
}

async function start() {
  for (const radio of form.querySelectorAll('input[name="kind"]')) {
    radio.addEventListener('change', showKind);
  }
  byId('start-now').addEventListener('change', showStartNow);
  byId('repeat').addEventListener('change', () => {
    byId('repeat-count').disabled = !byId('repeat').value;
  });
  byId('add-session').addEventListener('click', () => {
    const last = byId('sessions').lastElementChild;
    const item = addSession('', last ? last.querySelector('.session-time').value : '',
      last ? last.querySelector('.session-minutes').value : '60');
    item.querySelector('input').focus();
  });
  byId('add-question').addEventListener('click', () => addQuestion().focus());
  if (!editing) {
    defaults();
    showKind();
    form.hidden = false;
    return;
  }
  byId('form-title').textContent = 'Change a meeting';
  document.title = 'Change a meeting – Parley';
  try {
    const view = await api.get('/api/v1/meetings/' + editing);
    if (view.role !== 'organizer') {
      throw new ApiError(403, 'forbidden', 'Only the organizer can change "' + view.subject + '".');
    }
    if (view.cancelled) {
      throw new ApiError(409, 'conflict', '"' + view.subject + '" was cancelled; it cannot be changed.');
    }
    byId('form-title').textContent = 'Change ' + KINDS[view.kind].toLowerCase();
    document.title = 'Change ' + view.subject + ' – Parley';
    fill(view);
    showKind();
    byId('repeat-count').disabled = !byId('repeat').value;
    form.hidden = false;
    const failedUploads = sessionStorage.getItem('parley-upload-failures');
    if (failedUploads) {
      sessionStorage.removeItem('parley-upload-failures');
      form.querySelector('[role="alert"]').textContent = 'The training is scheduled, but not every file could be uploaded: '
        + failedUploads + ' Add them again under Materials.';
    }
  } catch (error) {
    showLoadFailure(byId('page-error'), error, 'meeting');
  }
}

start();
