import { api } from './api.js';
import { byId, onSubmit } from './ui.js';

onSubmit(byId('signin-form'), async (values) => {
  await api.post('/api/v1/session', { email: values.email.trim(), password: values.password, remember: values.remember });
  window.location.assign(safeNext(new URLSearchParams(window.location.search).get('next')));
});

/**
 * Where to go after signing in: a path on this site only ("/meetings.html?id=…"), never another
 * origin ("//evil.example", "https://…"), so a crafted link cannot send someone away after sign-in.
 */
function safeNext(next) {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/account.html';
  }
  const target = new URL(next, window.location.origin);
  return target.origin === window.location.origin ? target.pathname + target.search : '/account.html';
}
