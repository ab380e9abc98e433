// My meetings: what I organize, am invited to or registered for, upcoming or past.
import { api } from '../api.js';
import { byId } from '../ui.js';
import { KINDS, ROLES, el, formatSpan, showLoadFailure } from './common.js';

const tabs = [byId('tab-upcoming'), byId('tab-past')];
const list = byId('meeting-list');
const empty = byId('empty');
const panel = byId('panel-list');

function item(m) {
  const minutes = Math.round((new Date(m.endsAt) - new Date(m.startsAt)) / 60_000);
  const title = el('h3', {}, el('a', { text: m.subject, attrs: { href: '/meeting.html?id=' + encodeURIComponent(m.id) } }));
  const badges = el('p', { className: 'badges' }, el('span', { className: 'badge kind-' + m.kind, text: KINDS[m.kind] || m.kind }));
  if (m.cancelled) {
    badges.append(el('span', { className: 'badge cancelled', text: 'Cancelled' }));
  }
  return el('li', { className: 'meeting-item' + (m.cancelled ? ' is-cancelled' : '') }, title, badges,
    el('p', { className: 'meta', text: formatSpan(m.startsAt, minutes) + ' · ' + (ROLES[m.role] || m.role) }));
}

async function show(when) {
  for (const tab of tabs) {
    const selected = tab.id === 'tab-' + when;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    if (selected) {
      panel.setAttribute('aria-labelledby', tab.id);
    }
  }
  panel.setAttribute('aria-busy', 'true');
  try {
    const meetings = await api.get('/api/v1/meetings?when=' + when);
    list.replaceChildren(...meetings.map(item));
    empty.hidden = meetings.length > 0;
    empty.textContent = when === 'upcoming'
      ? 'Nothing scheduled. Schedule a meeting, webinar or training to see it here.'
      : 'No past meetings yet.';
    byId('lists').hidden = false;
  } catch (error) {
    byId('lists').hidden = true;
    byId('schedule-link').hidden = true;
    showLoadFailure(byId('page-error'), error, 'list');
  } finally {
    panel.removeAttribute('aria-busy');
  }
}

tabs.forEach((tab, index) => {
  tab.addEventListener('click', () => show(tab.id.replace('tab-', '')));
  // a tab list moves with the arrow keys (WAI-ARIA tabs pattern)
  tab.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') {
      return;
    }
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    next.click();
  });
});

show(new URLSearchParams(window.location.search).get('when') === 'past' ? 'past' : 'upcoming');
