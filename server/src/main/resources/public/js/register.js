import { api } from './api.js';
import { byId, onSubmit } from './ui.js';

const form = byId('register-form');
const advice = byId('password-advice');

// an invitation links here with the invited address, so the account is made for that address
const invited = new URLSearchParams(window.location.search).get('email');
if (invited && form.elements.email && !form.elements.email.value) {
  form.elements.email.value = invited;
}

onSubmit(form, async (values) => {
  advice.textContent = '';
  try {
    await api.post('/api/v1/accounts', {
      firstName: values.firstName.trim(),
      lastName: values.lastName.trim(),
      email: values.email.trim(),
      password: values.password,
    });
  } catch (error) {
    if (error.code !== 'weak_password') {
      throw error;
    }
    // the estimator's advice belongs next to the password, where the person types the next one
    advice.textContent = error.message;
    form.querySelector('[role="alert"]').textContent = 'Please choose a stronger password: see the advice under the password field.';
    byId('password').focus();
    return;
  }
  form.hidden = true;
  byId('registered-text').textContent = 'We sent a link to ' + values.email.trim()
    + '. Open it to confirm your address and finish creating your account.';
  byId('registered').hidden = false;
});
