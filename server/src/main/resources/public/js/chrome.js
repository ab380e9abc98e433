// The header, navigation and footer every page shares, written once here instead of in each
// page. Built with DOM calls (no innerHTML), so the strict CSP and text escaping hold.

const FULL_NAV = [
  ['/index.html', 'Home'],
  ['/meetings.html', 'Meetings'],
  ['/support.html', 'Support', 'signed-in'],
  ['/machines.html', 'Computers', 'signed-in'],
  ['/privacy.html', 'Privacy'],
  ['/register.html', 'Register', 'signed-out'],
  ['/signin.html', 'Sign in', 'signed-out'],
  ['/account.html', 'My account'],
];
// inside a session, fewer ways to wander off by mistake
const SESSION_NAV = [
  ['/index.html', 'Home'],
  ['/meetings.html', 'Meetings'],
  ['/account.html', 'My account'],
];

function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

function renderHeader(header) {
  const bar = document.createElement('div');
  bar.className = 'bar';
  const brand = link('/', 'Parley');
  brand.className = 'brand';
  const mark = document.createElement('span');
  mark.className = 'brand-mark';
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = 'P';
  brand.prepend(mark);
  const nav = document.createElement('nav');
  nav.className = 'site-nav';
  nav.setAttribute('aria-label', 'Main');
  const entries = header.dataset.nav === 'session' ? SESSION_NAV : FULL_NAV;
  // the CSRF cookie is set at sign-in and readable by script (api.js): a signed-in browser has one
  const signedIn = /(?:^|; )parley_csrf=[^;]/.test(document.cookie);
  nav.append(...entries.filter(([, , who]) => (who === 'signed-in' ? signedIn : who === 'signed-out' ? !signedIn : true))
    .map(([href, text]) => link(href, text)));
  // a page's own links for one state or the other (Home's next steps)
  for (const element of document.querySelectorAll('[data-when]')) {
    element.hidden = (element.dataset.when === 'signed-in') !== signedIn;
  }
  bar.append(brand, menuButton(bar, nav), nav);
  header.replaceChildren(bar);
}

// On a phone the links would wrap under the brand in two or three rows (issue 14 item 8): there the
// navigation folds behind this button (parley.css shows it below 36rem), a disclosure as WAI-ARIA
// describes it; wider screens never see the button and always the links.
function menuButton(bar, nav) {
  nav.id = 'site-nav';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'nav-toggle';
  button.textContent = 'Menu';
  button.setAttribute('aria-controls', nav.id);
  button.setAttribute('aria-expanded', 'false');
  const open = (yes) => {
    button.setAttribute('aria-expanded', String(yes));
    bar.classList.toggle('nav-open', yes);
  };
  button.addEventListener('click', () => open(button.getAttribute('aria-expanded') !== 'true'));
  bar.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && bar.classList.contains('nav-open')) {
      open(false);
      button.focus();
    }
  });
  return button;
}

function renderFooter(footer) {
  const p = document.createElement('p');
  p.append('Parley — self-hosted, end-to-end encrypted meetings and support. ',
    link('/privacy.html', 'Privacy policy'), ' · ', link('/unsubscribe.html', 'Unsubscribe from mail'));
  footer.replaceChildren(p);
}

/** Fills the page's empty <header class="site-header"> and <footer class="site-footer">. */
export function renderChrome() {
  const header = document.querySelector('header.site-header');
  if (header) {
    renderHeader(header);
  }
  const footer = document.querySelector('footer.site-footer');
  if (footer) {
    renderFooter(footer);
  }
}
