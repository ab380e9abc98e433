// teams.html: my support teams with my role in each, creating one, and the chosen team
// (?team=<id>, or the only one I am in) with its queue and, for a supervisor, its management.
import { api } from '../api.js';
import { byId, onSubmit } from '../ui.js';
import { el } from '../meetings/common.js';
import { showFailure } from './common.js';
import { ROLE_NAMES, showTeam } from './team.js';

const MAX_NAME = 100;

function teamItem(team, chosen) {
  const link = el('a', { text: team.name, attrs: { href: '/teams.html?team=' + encodeURIComponent(team.id) } });
  if (chosen) link.setAttribute('aria-current', 'page');
  return el('li', {}, link, el('span', { className: 'badge', text: ROLE_NAMES[team.role] || team.role }));
}

function wireCreate() {
  onSubmit(byId('create-form'), async ({ name }) => {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_NAME) {
      byId('create-error').textContent = 'Give the team a name of at most ' + MAX_NAME + ' characters.';
      byId('team-name-input').focus();
      return;
    }
    const team = await api.post('/api/v1/support-teams', { name: trimmed });
    window.location.assign('/teams.html?team=' + encodeURIComponent(team.id));
  });
  byId('create-section').hidden = false;
}

async function start() {
  let teams;
  try {
    ({ teams } = await api.get('/api/v1/support-teams'));
  } catch (error) {
    showFailure(byId('page-error'), error);
    return;
  }
  const asked = new URLSearchParams(window.location.search).get('team');
  const chosen = asked !== null ? teams.find((t) => t.id === asked) : teams.length === 1 ? teams[0] : undefined;
  byId('team-list').replaceChildren(...teams.map((t) => teamItem(t, t === chosen)));
  byId('teams-empty').hidden = teams.length > 0;
  byId('teams-section').hidden = false;
  wireCreate();
  if (chosen) {
    showTeam(chosen);
  } else if (asked !== null) {
    byId('page-error').textContent = 'Team not found. You are not a member of it, or it does not exist.';
    byId('page-error').hidden = false;
  }
}

start();
