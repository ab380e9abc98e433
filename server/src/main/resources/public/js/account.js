// My account: the profile, password, mail preferences, export, security history and deletion,
// each a form of its own that shows the server's answer beside it.
import { api, ApiError } from './api.js';
import { byId, formatDay, formatTime, onSubmit, showError } from './ui.js';

const EVENTS = {
  account_created: 'Account created',
  email_verified: 'Email address confirmed',
  sign_in: 'Signed in',
  sign_in_failed: 'Failed sign-in attempt',
  sign_out: 'Signed out',
  password_changed: 'Password changed',
  password_reset_requested: 'Password reset requested',
  password_reset: 'Password reset',
  profile_changed: 'Profile changed',
  email_change_requested: 'Email change requested',
  email_changed: 'Email address changed',
  preferences_changed: 'Mail preferences changed',
  unsubscribed: 'Unsubscribed from marketing mail',
  data_exported: 'Data downloaded',
  policy_accepted: 'Privacy policy accepted',
};

let me = null;

function showProfile(profile) {
  me = profile;
  byId('greeting').textContent = 'Hello, ' + profile.firstName;
  byId('view-name').textContent = profile.firstName + ' ' + profile.lastName;
  byId('view-email').textContent = profile.email;
  byId('view-created').textContent = formatDay(profile.createdAt);
  const pending = byId('pending-email');
  pending.hidden = !profile.pendingEmail;
  pending.textContent = profile.pendingEmail
    ? 'Waiting for confirmation: ' + profile.pendingEmail + '. Open the link we mailed to that address; until then you sign in with '
      + profile.email + '.'
    : '';
  byId('newsletter').checked = profile.preferences.newsletter;
  byId('offers').checked = profile.preferences.offers;
  const prompt = byId('policy-prompt');
  prompt.hidden = !profile.policyToAccept;
  if (profile.policyToAccept) {
    byId('policy-prompt-text').textContent = 'Version ' + profile.policyToAccept
      + ' of our privacy policy is now in force. Please read it and accept it to go on using Parley.';
  }
}

async function showHistory() {
  try {
    const events = await api.get('/api/v1/me/history');
    byId('history-rows').replaceChildren(...events.map((e) => {
      const row = document.createElement('tr');
      const cells = { When: formatTime(e.at), What: EVENTS[e.event] || e.event, 'IP address': e.ip, Browser: e.userAgent };
      for (const [label, text] of Object.entries(cells)) {
        const cell = document.createElement('td');
        cell.dataset.label = label; // the narrow layout shows it in place of the column headings
        cell.textContent = text;
        row.append(cell);
      }
      row.cells[0].title = e.at;
      row.cells[3].className = 'user-agent';
      return row;
    }));
  } catch (error) {
    showError(byId('history-error'), error);
  }
}

function toggleProfileForm(open) {
  const form = byId('profile-form');
  form.hidden = !open;
  byId('edit-profile').setAttribute('aria-expanded', String(open));
  if (open) {
    form.elements.firstName.value = me.firstName;
    form.elements.lastName.value = me.lastName;
    form.elements.email.value = me.pendingEmail || me.email;
    form.elements.firstName.focus();
  }
}

byId('edit-profile').addEventListener('click', () => toggleProfileForm(byId('profile-form').hidden));
byId('cancel-profile').addEventListener('click', () => toggleProfileForm(false));

onSubmit(byId('profile-form'), async (values) => {
  const change = {};
  for (const field of ['firstName', 'lastName']) {
    if (values[field].trim() !== me[field]) {
      change[field] = values[field].trim();
    }
  }
  const email = values.email.trim();
  const emailChanged = email !== me.email && email !== me.pendingEmail;
  if (emailChanged) {
    change.email = email;
  }
  const saved = byId('profile-saved');
  if (Object.keys(change).length === 0) {
    toggleProfileForm(false);
    saved.textContent = 'Nothing to change.';
    return;
  }
  showProfile(await api.patch('/api/v1/me', change));
  toggleProfileForm(false);
  saved.textContent = emailChanged
    ? 'Saved. We sent a link to ' + email + ': open it to make that your sign-in address.'
    : 'Your profile is saved.';
  showHistory();
});

onSubmit(byId('password-form'), async (values, form) => {
  byId('password-saved').textContent = '';
  await api.post('/api/v1/me/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
  form.reset();
  byId('password-saved').textContent = 'Your password was changed. Your other sessions were signed out.';
  showHistory();
});

onSubmit(byId('preferences-form'), async (values) => {
  byId('preferences-saved').textContent = '';
  const saved = await api.put('/api/v1/me/preferences', { newsletter: values.newsletter, offers: values.offers });
  me.preferences = saved;
  byId('preferences-saved').textContent = 'Your mail preferences are saved.';
  showHistory();
});

onSubmit(byId('export-form'), async () => {
  const response = await api.fetch('/api/v1/me/export');
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = (/filename="([^"]+)"/.exec(disposition) || [])[1] || 'parley-export.json';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  showHistory();
});

onSubmit(byId('policy-form'), async () => {
  await api.post('/api/v1/me/policy-acceptance', { version: me.policyToAccept });
  showProfile(await api.get('/api/v1/me'));
  showHistory();
});

onSubmit(byId('signout-form'), async () => {
  await api.del('/api/v1/session');
  window.location.assign('/signin.html');
});

onSubmit(byId('delete-form'), async (values) => {
  await api.del('/api/v1/me', { password: values.password });
  byId('account').hidden = true;
  byId('signed-out-text').textContent = 'Your account and the personal data in it were deleted. '
    + 'A last mail confirming this is on its way to you.';
  byId('signed-out').hidden = false;
  byId('signed-out').querySelector('h1').textContent = 'Account deleted';
});

// without the script-readable half of the session there is no session: no need to ask (and be refused)
if (!document.cookie.split('; ').some((c) => c.startsWith('parley_csrf=') && c.length > 'parley_csrf='.length)) {
  byId('signed-out').hidden = false;
} else {
  await showAccount();
}

async function showAccount() {
  try {
    showProfile(await api.get('/api/v1/me'));
    byId('account').hidden = false;
    showHistory();
    showOperatorLink();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      byId('signed-out').hidden = false;
    } else {
      showError(byId('page-error'), error);
    }
  }
}

/** The way to the operator's page, for the accounts in PARLEY_ADMIN_EMAILS only. */
async function showOperatorLink() {
  try {
    byId('operator-link').hidden = !(await api.get('/api/v1/operator')).operator;
  } catch (error) {
    console.warn('operator check failed', error);
  }
}
