import { api } from './api.js';
import { byId, onSubmit, takeQueryParameters } from './ui.js';

// The token in a marketing mail's link is signed by the server; it names the address, so the
// one-click button needs no typing and no sign-in (RFC 8058 has mail clients POST the same).
const token = takeQueryParameters().get('token');
const oneClick = byId('one-click-form');
const done = byId('unsubscribed');

if (token) {
  oneClick.hidden = false;
  byId('form-title').textContent = 'Or choose for another address';
}

onSubmit(oneClick, async () => {
  const answer = await api.post('/api/v1/unsubscribe/' + encodeURIComponent(token));
  oneClick.hidden = true;
  done.textContent = answer.message + (answer.email ? ' (' + answer.email + ')' : '');
  done.hidden = false;
});

onSubmit(byId('unsubscribe-form'), async (values, form) => {
  const answer = await api.post('/api/v1/unsubscribe', {
    email: values.email.trim(),
    newsletter: !values.stopNewsletter,
    offers: !values.stopOffers,
  });
  form.reset();
  done.textContent = answer.message;
  done.hidden = false;
});
