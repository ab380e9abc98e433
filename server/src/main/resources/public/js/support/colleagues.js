// A session can take in a colleague (they join next to the technician, who lets them in); a
// team's session can also be handed over to a member (they continue, the technician leaves).
// The server says so when someone does not qualify.
import { byId, onSubmit } from '../ui.js';
import { api } from '../api.js';
import { copy } from './common.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const ASK = 'Enter your colleague’s email address.';

/** The trimmed address, or null (with the reason shown and the field focused) when it is not one. */
function address(field, alert) {
  const value = field.value.trim();
  if (EMAIL.test(value)) return value;
  alert.textContent = ASK;
  field.focus();
  return null;
}

/**
 * Shows the colleague forms of the session {@code view} and wires them to {@code support} (a
 * SupportConsole). Anyone with an account can be invited; only a team's session can be transferred.
 */
export function showColleagues({ id, teamId }, support) {
  const link = window.location.origin + '/support.html?id=' + encodeURIComponent(id);
  byId('colleague-link').value = link;
  byId('copy-colleague-link').addEventListener('click', () => copy(link, byId('colleague-link'), byId('colleague-status')));
  onSubmit(byId('invite-form'), async (values, form) => {
    const email = address(byId('invite-email'), byId('invite-error'));
    if (email === null) return;
    await api.post('/api/v1/support-sessions/' + encodeURIComponent(id) + '/invite', { email });
    form.reset();
    byId('colleague-status').textContent = email + ' may join now: send them the link below. Let them in with Admit when they arrive.';
    byId('colleague-link-field').hidden = false;
  });
  onSubmit(byId('transfer-form'), async () => {
    const email = address(byId('transfer-email'), byId('transfer-error'));
    if (email === null) return;
    await support.transfer(email);
  });
  byId('transfer-form').hidden = !teamId;
  byId('colleague-section').hidden = false;
}
