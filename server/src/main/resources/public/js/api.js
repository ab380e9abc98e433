// The one way pages talk to the server: JSON over fetch, the session cookie sent along, and the
// double-submit CSRF header (API.md, "Sessions of the browser") on every state-changing request.
// Secrets travel only in request bodies: never in URLs, never in localStorage.

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A refusal by the server, carrying its {"error","message"}; the message is for people. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function cookie(name) {
  const prefix = name + '=';
  const found = document.cookie.split('; ').find((c) => c.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : '';
}

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (UNSAFE.has(method)) {
    headers['X-Parley-CSRF'] = cookie('parley_csrf');
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Parley could not be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    throw await refusal(response);
  }
  return response;
}

async function refusal(response) {
  let code = 'unknown';
  let message = 'Something went wrong on our side. Please try again in a moment.';
  try {
    const body = await response.json();
    if (typeof body.error === 'string') {
      code = body.error;
    }
    if (typeof body.message === 'string' && body.message) {
      message = body.message;
    }
  } catch {
    // not JSON (a proxy's page, say): keep the general sentence rather than show a raw status
  }
  return new ApiError(response.status, code, message);
}

async function json(response) {
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const api = {
  get: async (path) => json(await send('GET', path)),
  post: async (path, body) => json(await send('POST', path, body)),
  put: async (path, body) => json(await send('PUT', path, body)),
  patch: async (path, body) => json(await send('PATCH', path, body)),
  del: async (path, body) => json(await send('DELETE', path, body)),
  /** The raw response, for downloads. */
  fetch: (path) => send('GET', path),
};
