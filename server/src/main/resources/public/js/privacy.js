import { api } from './api.js';
import { byId, formatDay, paragraphs, showError } from './ui.js';

function describe(policy, future) {
  const kind = policy.material ? 'a material change' : 'a minor change';
  return future
    ? 'Version ' + policy.version + ' takes effect on ' + formatDay(policy.effectiveAt) + '; it is ' + kind + '.'
    : 'Version ' + policy.version + ', in force since ' + formatDay(policy.effectiveAt) + '.';
}

try {
  const policy = await api.get('/api/v1/policy');
  byId('policy-meta').textContent = describe(policy, false);
  paragraphs(byId('policy-text'), policy.text);
  if (policy.upcoming) {
    byId('upcoming-meta').textContent = describe(policy.upcoming, true);
    paragraphs(byId('upcoming-text'), policy.upcoming.text);
    byId('upcoming').hidden = false;
  }
} catch (error) {
  showError(byId('policy-error'), error);
}
