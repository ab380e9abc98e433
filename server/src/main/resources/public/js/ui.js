// Small pieces every page uses: wiring a form to the API, showing the server's message, dates.
import { ApiError } from './api.js';

export function byId(id) {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error('missing element #' + id);
  }
  return element;
}

/** Shows a refusal in the form's role="alert" region (its text only: never markup from anywhere). */
export function showError(region, error) {
  const message = error instanceof ApiError ? error.message
    : typeof error === 'string' ? error : 'Something went wrong in this page. Please reload it and try again.';
  if (!(error instanceof ApiError) && typeof error !== 'string') {
    console.warn('page error', error);
  }
  region.textContent = message;
}

export function clear(region) {
  region.textContent = '';
}

/**
 * Submits {@code form} through {@code action(values)}: the button is disabled meanwhile, the
 * alert region emptied first and filled with the server's message on a refusal.
 */
export function onSubmit(form, action) {
  const alert = form.querySelector('[role="alert"]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    clear(alert);
    form.setAttribute('aria-busy', 'true');
    try {
      await action(values(form), form);
    } catch (error) {
      showError(alert, error);
      alert.focus();
    } finally {
      form.removeAttribute('aria-busy');
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
}

function values(form) {
  const result = {};
  for (const element of form.elements) {
    if (!element.name) {
      continue;
    }
    result[element.name] = element.type === 'checkbox' ? element.checked : element.value;
  }
  return result;
}

/** Reads a one-time token from the address, then removes it from the address bar and history. */
export function takeQueryParameters() {
  const params = new URLSearchParams(window.location.search);
  if (params.has('token')) {
    window.history.replaceState(null, '', window.location.pathname);
  }
  return params;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

export function formatTime(iso) {
  return when.format(new Date(iso));
}

export function formatDay(iso) {
  return day.format(new Date(iso));
}

/** Fills {@code element} with paragraphs from plain text (blank lines separate them), as text. */
export function paragraphs(element, text) {
  element.replaceChildren(...text.split(/\n\s*\n/).map((chunk) => {
    const p = document.createElement('p');
    p.textContent = chunk.trim();
    return p;
  }));
}
