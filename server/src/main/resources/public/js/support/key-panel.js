// The technician's key panel: the nine digits large and grouped, the customer link to copy, the
// words to say to the customer, and how long the key still works.
import { byId } from '../ui.js';
import { el } from '../meetings/common.js';
import { agentCommand, copy, countdown, groupKey } from './common.js';

let stopCountdown = () => {};

function customerLink(key, customerUrl) {
  return customerUrl || window.location.origin + '/customer.html#key=' + key;
}

function tell(key, link) {
  const server = new URL(link).origin;
  return [
    ['Open ', el('strong', { text: link }), ' in a browser (or ', el('strong', { text: server + '/customer.html' }),
      ' and type the key ', el('strong', { text: groupKey(key) }), ').'],
    ['To show me your screen without installing anything, click ', el('strong', { text: 'Connect from this browser' }),
      ' there (I can look but not control). To let me control your computer, download the Parley agent instead, open a '
      + 'terminal where it was saved and run ', el('code', { text: agentCommand(key, server) }), '.'],
    ['Allow the connection when asked, then read me the verification code you see.'],
  ].map((parts) => el('li', {}, ...parts));
}

/** Shows {@code key} (the session's, while no customer has used it) until it expires at {@code expiresAt}, if known. */
export function showKey({ supportKey: key, customerUrl, expiresAt }) {
  const link = customerLink(key, customerUrl);
  byId('support-key').textContent = groupKey(key);
  byId('customer-url').value = link;
  byId('tell').replaceChildren(...tell(key, link));
  byId('copy-link').onclick = () => copy(link, byId('customer-url'), byId('copy-status'));
  stopCountdown();
  byId('key-panel').classList.remove('expired');
  byId('key-expired').hidden = true;
  byId('expiry-line').hidden = !expiresAt;
  if (expiresAt) {
    stopCountdown = countdown(byId('key-expiry'), expiresAt, () => {
      byId('key-panel').classList.add('expired');
      byId('expiry-line').hidden = true;
      byId('key-expired').hidden = false;
    });
  }
  byId('key-panel').hidden = false;
}

/** Waiting for a customer whose key this page cannot show (it is shown once, to whoever started the session). */
export function showAwaiting() {
  byId('await-note').hidden = false;
}

/** The customer is here (or the session is over): the key has done its work. */
export function hideKey() {
  stopCountdown();
  stopCountdown = () => {};
  byId('key-panel').hidden = true;
  byId('await-note').hidden = true;
}
