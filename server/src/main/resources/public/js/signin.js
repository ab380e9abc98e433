import { api } from './api.js';
import { byId, onSubmit } from './ui.js';

onSubmit(byId('signin-form'), async (values) => {
  await api.post('/api/v1/session', { email: values.email.trim(), password: values.password, remember: values.remember });
  window.location.assign('/account.html');
});
