// On every page: mark where we are in the navigation, and announce an upcoming material
// change of the privacy policy before it applies (DESIGN.md §1, Account & privacy).
import { api } from './api.js';
import { formatDay } from './ui.js';
import { renderChrome } from './chrome.js';

function markCurrentPage() {
  const here = window.location.pathname === '/' ? '/index.html' : window.location.pathname;
  for (const link of document.querySelectorAll('.site-nav a')) {
    if (new URL(link.href).pathname === here) {
      link.setAttribute('aria-current', 'page');
    }
  }
}

async function announcePolicyChange() {
  let policy;
  try {
    policy = await api.get('/api/v1/policy');
  } catch {
    return; // the notice is a courtesy; a page still works without it
  }
  const next = policy.upcoming;
  if (!next || !next.material) {
    return;
  }
  const notice = document.createElement('aside');
  notice.className = 'site-notice';
  notice.setAttribute('aria-label', 'Privacy policy change');
  const text = document.createElement('p');
  text.textContent = 'Our privacy policy changes on ' + formatDay(next.effectiveAt) + ' (version ' + next.version + '). ';
  const link = document.createElement('a');
  link.href = '/privacy.html#upcoming';
  link.textContent = 'Read what changes';
  text.append(link, '.');
  notice.append(text);
  document.querySelector('.site-header').after(notice);
}

renderChrome();
markCurrentPage();
announcePolicyChange();
