// customer.html, for a customer without an account: how to connect — from this browser, view only
// (browser-share.js), or with the Parley agent, which can also be controlled. With
// #key=… (the technician's link) the steps at once; with ?team=<id> (a team's portal) a request
// first, whose answer is the key; otherwise a field for a key read out over the phone.
// The key travels in the fragment, which browsers never send to the server.
import { api } from '../api.js';
import { byId, onSubmit, showError } from '../ui.js';
import { KEY_FORMAT_MESSAGE, agentCommand, copy, groupKey, normaliseKey } from './common.js';
import { wireBrowserOffer } from './browser-share.js';

const MAX_NAME = 100;
const MAX_PROBLEM = 2000;
const team = new URLSearchParams(window.location.search).get('team');
let teamName = null;
let shownKey = null;

function keyInAddress() {
  return new URLSearchParams(window.location.hash.slice(1)).get('key');
}

function showSteps(key, note = '') {
  shownKey = key;
  byId('support-key').textContent = groupKey(key);
  byId('command').textContent = agentCommand(key, window.location.origin);
  byId('queued-note').textContent = note;
  byId('key-section').hidden = true;
  byId('request-section').hidden = true;
  byId('steps').hidden = false;
  // a reload shows the same steps
  window.history.replaceState(null, '', window.location.pathname + window.location.search + '#key=' + key);
}

function askForKey(wrong) {
  byId('key-section').hidden = false;
  byId('steps').hidden = true;
  if (wrong !== null) {
    byId('key-input').value = wrong;
    byId('key-input').setAttribute('aria-invalid', 'true');
    byId('key-error').textContent = KEY_FORMAT_MESSAGE + ' The link you opened does not hold one: check it with your '
      + 'technician, or type the key below.';
  }
}

// a key that turned out wrong: out of the address (so a reload does not bring it back) and the form again
function differentKey() {
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  byId('queued-note').textContent = '';
  byId('request-section').hidden = true;
  askForKey(null);
  byId('key-input').value = '';
  byId('key-input').removeAttribute('aria-invalid');
  byId('key-error').textContent = '';
  byId('key-input').focus();
}

function invalid(field, alert, message) {
  field.setAttribute('aria-invalid', 'true');
  showError(alert, message);
  field.focus();
}

function wireKeyForm() {
  onSubmit(byId('key-form'), async ({ key }) => {
    const digits = normaliseKey(key);
    if (digits === null) {
      invalid(byId('key-input'), byId('key-error'), KEY_FORMAT_MESSAGE + ' Check the digits and try again.');
      return;
    }
    byId('key-input').removeAttribute('aria-invalid');
    showSteps(digits);
    byId('steps-key-title').focus();
  });
}

function wireRequestForm() {
  onSubmit(byId('request-form'), async ({ name, problem }) => {
    const alert = byId('request-error');
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_NAME) {
      invalid(byId('request-name'), alert, 'Enter your name, at most ' + MAX_NAME + ' characters.');
      return;
    }
    if (problem.length > MAX_PROBLEM) {
      invalid(byId('request-problem'), alert, 'The description can be at most 2,000 characters.');
      return;
    }
    byId('request-name').removeAttribute('aria-invalid');
    byId('request-problem').removeAttribute('aria-invalid');
    const request = await api.post('/api/v1/support-teams/' + encodeURIComponent(team) + '/requests',
      { name: trimmed, problem: problem.trim() });
    byId('browser-name').value = trimmed; // the same person, should they connect from this browser
    showSteps(request.supportKey, 'Your request is in the queue of ' + teamName + '. Start the agent now: '
      + 'a technician connects as soon as one is free.');
    byId('steps-key-title').focus();
  });
}

async function openPortal() {
  try {
    teamName = (await api.get('/api/v1/support-teams/' + encodeURIComponent(team) + '/portal')).name;
  } catch (error) {
    const region = byId('page-error');
    if (error.status === 404) showError(region, 'This help page does not exist. Check the link you were given.');
    else showError(region, error);
    region.hidden = false;
    return false;
  }
  byId('title').textContent = 'Get help from ' + teamName;
  document.title = 'Get help from ' + teamName + ' – Parley';
  return true;
}

async function start() {
  byId('copy-command').addEventListener('click', () => copy(byId('command').textContent, byId('command'), byId('copy-status')));
  byId('different-key').addEventListener('click', differentKey);
  wireKeyForm();
  wireBrowserOffer(() => shownKey);
  offerPackagedAgent();
  const inAddress = keyInAddress();
  const key = normaliseKey(inAddress);
  if (team !== null) {
    if (!(await openPortal())) return;
    if (key !== null) {
      showSteps(key);
    } else {
      wireRequestForm();
      byId('request-section').hidden = false;
    }
    return;
  }
  if (key !== null) showSteps(key);
  else askForKey(inAddress);
}

/** The agent with its own runtime (no Java, no terminal) is offered where this server has it. */
async function offerPackagedAgent() {
  try {
    const downloads = await api.get('/api/v1/agent-downloads');
    byId('packaged').hidden = !(downloads.deb && downloads.archive);
  } catch (error) {
    console.warn('support: could not ask for the packaged agent', error);
  }
}

start();
