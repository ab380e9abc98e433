import { api } from './api.js';
import { byId, onSubmit, takeQueryParameters } from './ui.js';

const token = takeQueryParameters().get('token');
const requestForm = byId('request-form');
const confirmForm = byId('confirm-form');

if (token) {
  requestForm.hidden = true;
  confirmForm.hidden = false;
}

onSubmit(requestForm, async (values) => {
  const answer = await api.post('/api/v1/password-reset', { email: values.email.trim() });
  requestForm.hidden = true;
  const done = byId('requested');
  done.textContent = answer && answer.message ? answer.message : 'If an account uses this address, a reset link is on its way.';
  done.hidden = false;
});

onSubmit(confirmForm, async (values) => {
  await api.post('/api/v1/password-reset/confirm', { token, newPassword: values.newPassword });
  confirmForm.hidden = true;
  byId('reset-done').hidden = false;
});
