// machines.html: approve a computer by the pairing code its agent printed, the computers I own
// and those shared with me, and Connect — after which remote.js takes over the page.
import { ApiError, api } from '../api.js';
import { byId, onSubmit, showError } from '../ui.js';
import { el } from '../meetings/common.js';
import { focusCard, machineCard } from './card.js';
import { keepPairingCode, normalisePairingCode, takePairingCode } from './pairing.js';
import { RemotePanel } from './remote.js';

const openManage = new Set(); // ids whose owner's controls are open, kept across redraws
const remote = new RemotePanel({ connect: requestConnection, onBack: backToList });

function requestConnection(view) {
  return api.post('/api/v1/machines/' + encodeURIComponent(view.id) + '/connect', {});
}

async function connect(view, button) {
  button.disabled = true;
  try {
    await remote.open(view, await requestConnection(view));
  } catch (refusal) {
    // the refusal may come from a change this page has not seen (paused, revoked, offline): show the computer as it is now
    const owned = cardOf('owned', view.id) !== null;
    const now = await api.get('/api/v1/machines/' + encodeURIComponent(view.id)).catch(() => view);
    redraw(now, owned, { refusal });
  } finally {
    button.disabled = false;
  }
}

function card(view, owned, { message = '', refusal = null } = {}) {
  return machineCard(view, {
    owned,
    open: owned && openManage.has(view.id),
    message,
    refusal,
    onConnect: connect,
    onToggle: (id, open) => (open ? openManage.add(id) : openManage.delete(id)),
    changed: (next, text) => redraw(next, true, { message: text }),
    removed,
  });
}

function cardOf(listId, id) {
  return [...byId(listId).children].find((c) => c.dataset.id === id) ?? null;
}

function redraw(view, owned, said) {
  const listId = owned ? 'owned' : 'granted';
  const fresh = card(view, owned, said);
  const old = cardOf(listId, view.id);
  if (old) old.replaceWith(fresh);
  else byId(listId).append(fresh);
  focusCard(fresh);
}

function removed(view, message) {
  openManage.delete(view.id);
  cardOf('owned', view.id)?.remove();
  byId('owned-empty').hidden = byId('owned').children.length > 0;
  const status = byId('owned-status');
  status.textContent = message;
  status.focus();
}

function show(listId, views, owned) {
  byId(listId).replaceChildren(...views.map((view) => card(view, owned)));
  byId(listId + '-empty').hidden = views.length > 0;
}

async function load() {
  const { owned, granted } = await api.get('/api/v1/machines');
  show('owned', owned, true);
  show('granted', granted, false);
}

async function backToList(machine) {
  byId('machines').hidden = false;
  try {
    await load();
  } catch (error) {
    showError(byId('page-error'), error);
    byId('page-error').hidden = false;
  }
  (cardOf('owned', machine.id) ?? cardOf('granted', machine.id))?.querySelector('h3').focus();
}

onSubmit(byId('approve-form'), async (values) => {
  const code = normalisePairingCode(values.pairingCode);
  if (!code) throw 'Enter the pairing code the Parley agent shows.';
  const view = await api.post('/api/v1/machines/approve', { pairingCode: code });
  byId('pairing-code').value = '';
  await load();
  const status = byId('approved');
  status.textContent = '“' + view.name + '” is yours now. It shows as online below once its Parley agent is connected.';
  status.focus();
});

function askToSignIn(code) {
  const region = byId('page-error');
  region.replaceChildren(el('strong', { text: 'Please sign in to see your computers. ' }),
    el('a', { text: 'Sign in', attrs: { href: '/signin.html?next=' + encodeURIComponent('/machines.html') } }),
    code ? ', then approve the computer: this tab keeps its pairing code meanwhile.' : '');
}

async function start() {
  const code = takePairingCode();
  try {
    await load();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      keepPairingCode(code);
      askToSignIn(code);
    } else {
      showError(byId('page-error'), error);
    }
    byId('page-error').hidden = false;
    return;
  }
  byId('machines').hidden = false;
  if (code) {
    byId('pairing-code').value = code;
    byId('approve').focus();
  }
}

start();
