import { api } from './api.js';
import { byId, onSubmit, takeQueryParameters } from './ui.js';

const params = takeQueryParameters();
const token = params.get('token');
const newEmail = params.get('purpose') === 'email';
const form = byId('verify-form');

if (newEmail) {
  byId('verify-title').textContent = 'Confirm your new email address';
  byId('verify-intro').textContent = 'One click to make this address your new Parley sign-in.';
  byId('verify-button').textContent = 'Confirm my new email address';
  byId('verified-next').href = '/account.html';
  byId('verified-next').textContent = 'Back to My account';
}
if (!token) {
  form.querySelector('[role="alert"]').textContent = 'This link is incomplete. Copy the whole link from the mail into the address bar.';
  byId('verify-button').disabled = true;
}

onSubmit(form, async () => {
  await api.post('/api/v1/accounts/verify', { token });
  form.hidden = true;
  byId('verified-text').textContent = newEmail
    ? 'Your new email address is confirmed. From now on, sign in with it.'
    : 'Your email address is confirmed. Your account is ready: sign in to start.';
  byId('verified').hidden = false;
});
