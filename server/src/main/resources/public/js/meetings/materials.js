// Training materials: the list (with download links) and, for the organizer, upload and removal.
// Uploads send the file itself as the body, so they cannot go through api.js (JSON only); the
// CSRF header is added the same way api.js does it.
import { api, ApiError } from '../api.js';
import { el, formatSize } from './common.js';
import { showError } from '../ui.js';

export const MAX_BYTES = 10 * 1024 * 1024;

function csrfToken() {
  const found = document.cookie.split('; ').find((c) => c.startsWith('parley_csrf='));
  return found ? decodeURIComponent(found.slice('parley_csrf='.length)) : '';
}

/** Uploads one file to a training; resolves to {id, name, size, contentType}. */
export async function uploadMaterial(meetingId, file) {
  if (file.size > MAX_BYTES) {
    throw new ApiError(413, 'payload_too_large', '"' + file.name + '" is larger than 10 MB; files can be at most 10 MB.');
  }
  let response;
  try {
    response = await fetch('/api/v1/meetings/' + meetingId + '/materials?name=' + encodeURIComponent(file.name), {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': file.type || 'application/octet-stream',
        'X-Parley-CSRF': csrfToken(),
      },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network', 'Parley could not be reached. Check your connection and try again.');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, body.error || 'unknown', body.message
      || 'The upload of "' + file.name + '" failed (' + response.status + '). Please try again.');
  }
  return body;
}

/** A list of files; {@code href(material)} gives each download address. */
function fileList(materials, href, onRemove) {
  return el('ul', { className: 'files' }, ...materials.map((m) => {
    const item = el('li', {}, el('a', { text: m.name, attrs: { href: href(m), download: m.name } }),
      el('span', { className: 'meta', text: formatSize(m.size) }));
    if (onRemove) {
      item.append(el('button', { className: 'link-button', text: 'Remove', attrs: { type: 'button', 'aria-label': 'Remove ' + m.name } }));
      item.lastChild.addEventListener('click', () => onRemove(m, item.lastChild));
    }
    return item;
  }));
}

/** Read-only materials, e.g. for a registrant. */
export function showMaterials(container, materials, href) {
  container.replaceChildren(materials.length ? fileList(materials, href)
    : el('p', { className: 'hint', text: 'No materials yet.' }));
}

/**
 * The organizer's materials of a training: list, remove, and an upload field. {@code materials}
 * is the current list; the widget keeps it up to date itself.
 */
export function manageMaterials(container, meetingId, materials) {
  let current = [...materials];
  const listArea = el('div');
  const alert = el('p', { className: 'alert', attrs: { role: 'alert', tabindex: '-1' } });
  const done = el('p', { className: 'success', attrs: { role: 'status' } });
  const input = el('input', { attrs: { type: 'file', id: 'material-file', multiple: '', 'aria-describedby': 'material-hint' } });
  const upload = el('button', { className: 'secondary', text: 'Upload', attrs: { type: 'button', id: 'material-upload' } });
  const href = (m) => '/api/v1/meetings/' + meetingId + '/materials/' + m.id;

  const render = () => {
    listArea.replaceChildren(current.length ? fileList(current, href, remove)
      : el('p', { className: 'hint', text: 'No materials yet. Registrants can download what you upload here.' }));
  };
  const remove = async (material, button) => {
    alert.textContent = '';
    done.textContent = '';
    button.disabled = true;
    try {
      await api.del('/api/v1/meetings/' + meetingId + '/materials/' + material.id);
      current = current.filter((m) => m.id !== material.id);
      done.textContent = '"' + material.name + '" was removed.';
      render();
    } catch (error) {
      button.disabled = false;
      showError(alert, error);
      alert.focus();
    }
  };
  upload.addEventListener('click', async () => {
    alert.textContent = '';
    done.textContent = '';
    if (!input.files.length) {
      alert.textContent = 'Choose one or more files first.';
      input.focus();
      return;
    }
    upload.disabled = true;
    const names = [];
    try {
      for (const file of input.files) {
        current.push(await uploadMaterial(meetingId, file));
        names.push(file.name);
        render();
      }
      input.value = '';
      done.textContent = 'Uploaded: ' + names.join(', ') + '.';
    } catch (error) {
      showError(alert, error);
      alert.focus();
    } finally {
      upload.disabled = false;
    }
  });
  render();
  container.replaceChildren(listArea, alert, done,
    el('p', { className: 'field' }, el('label', { text: 'Add files', attrs: { for: 'material-file' } }), input,
      el('span', { className: 'hint', text: 'Up to 10 MB each, at most 20 files. Registrants download them from their page.',
        attrs: { id: 'material-hint' } })),
    el('p', {}, upload));
}
