// The public registration page of a webinar or training: no account needed.
import { api } from '../api.js';
import { byId, onSubmit } from '../ui.js';
import { KINDS, el, idFromAddress, showLoadFailure, showParagraphs, showSchedule } from './common.js';

const id = idFromAddress(new URLSearchParams(window.location.search));
let questions = [];

function closedReason(event) {
  if (event.cancelled) {
    return 'This ' + KINDS[event.kind].toLowerCase() + ' was cancelled; registration is closed.';
  }
  if (Date.parse(event.endsAt) <= Date.now()) {
    return 'This ' + KINDS[event.kind].toLowerCase() + ' is over; registration is closed.';
  }
  return 'This ' + KINDS[event.kind].toLowerCase() + ' is full; registration is closed.';
}

function showQuestions() {
  byId('answers').replaceChildren(...questions.map((question, index) => {
    const input = el('input', { attrs: { id: 'answer-' + index, maxlength: '500' } });
    return el('p', { className: 'field' }, el('label', { text: question, attrs: { for: 'answer-' + index } }), input);
  }));
}

function showSeats(event) {
  if (event.seatsLeft !== null && event.seatsLeft !== undefined) {
    byId('seats').textContent = event.seatsLeft === 1 ? '1 seat left' : event.seatsLeft + ' seats left';
    byId('seats-row').hidden = false;
    byId('seats').hidden = false;
  }
}

// after registering, the count the server now has: our seat is taken, and others may have registered meanwhile
async function refreshSeats() {
  try {
    showSeats(await api.get('/api/v1/meetings/' + id + '/event'));
  } catch (error) {
    console.warn('seat count not refreshed', error); // the registration itself succeeded; the old count stays
  }
}

function show(event) {
  document.title = event.subject + ' – Parley';
  byId('kind').textContent = KINDS[event.kind] || event.kind;
  byId('subject').textContent = event.subject;
  showSchedule(byId('schedule'), event);
  byId('organizer').textContent = event.organizer.name;
  showParagraphs(byId('description'), event.description);
  byId('description').hidden = !event.description;
  showSeats(event);
  byId('approval-note').hidden = !event.approval;
  questions = event.fields || [];
  showQuestions();
  if (event.open) {
    byId('register-section').hidden = false;
  } else {
    byId('closed-note').textContent = closedReason(event);
    byId('closed-note').hidden = false;
  }
  byId('event').hidden = false;
}

onSubmit(byId('register-form'), async (values) => {
  const answers = {};
  questions.forEach((question, index) => {
    answers[question] = byId('answer-' + index).value.trim();
  });
  const result = await api.post('/api/v1/meetings/' + id + '/registrations', {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    email: values.email.trim(),
    answers,
  });
  byId('register-form').hidden = true;
  byId('registered-title').textContent = result.status === 'approved' ? 'You are registered' : 'Thank you for registering';
  byId('registered-text').textContent = result.message;
  byId('registered-mail').textContent = 'We sent a mail to ' + values.email.trim()
    + '. It has a link to cancel your registration whenever you like.';
  byId('registered').hidden = false;
  byId('registered-title').focus();
  await refreshSeats();
});

async function start() {
  if (!id) {
    byId('page-error').textContent = 'This address names no event. Open the link the organizer shared with you.';
    byId('page-error').hidden = false;
    return;
  }
  try {
    show(await api.get('/api/v1/meetings/' + id + '/event'));
  } catch (error) {
    showLoadFailure(byId('page-error'), error, 'event');
  }
}

start();
