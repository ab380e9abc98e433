// support.html: without ?id, start a session or open a recent one; with ?id=<session> (just
// started, picked up from a team's queue, transferred to me, or a colleague's invitation), the
// console of that session.
import { api } from '../api.js';
import { byId } from '../ui.js';
import { idFromAddress } from '../meetings/common.js';
import { ScreenView } from '../session/screen-view.js';
import { saveChat } from '../session/transcript.js';
import { wireChat } from '../session/chat-form.js';
import { RoomIndicators } from '../session/room.js';
import { SidePanel } from '../session/side-panel.js';
import { wireToolbar } from '../session/toolbar.js';
import { RelayStatus } from '../protocol/status.js';
import { showColleagues } from './colleagues.js';
import { SupportConsole, wireConsoleButtons } from './console.js';
import { showHome } from './home.js';
import { hideKey, showAwaiting, showKey } from './key-panel.js';
import { showFailure } from './common.js';

const OVER = new Set(['ended', 'expired']);
let support = null;

function showCustomer(view) {
  byId('customer-name').textContent = view.customerName || '—';
  byId('customer-problem').textContent = view.problem || '—';
  byId('about-customer').hidden = !view.customerName && !view.problem;
}

function ended({ code, reason, byUs, why }, wasIn) {
  hideKey();
  byId('session').hidden = true;
  byId('session-actions').hidden = true;
  byId('end-confirm').hidden = true;
  let title;
  let text;
  if (why === 'ended') {
    title = 'The support session ended';
    text = 'Everyone was disconnected and the key no longer works.';
  } else if (why === 'transferred') {
    title = 'You handed the session over';
    text = 'Your colleague continues with the customer; the session is now in their recent sessions on their Support page.';
  } else if (byUs) {
    title = 'You left the support session';
    text = 'Your keys for this session are gone from this page.';
  } else if (code === RelayStatus.GONE.closeCode) {
    title = 'The support session ended';
    text = reason;
  } else if (!wasIn) {
    title = 'Could not join';
    text = 'The support session could not be reached. It may have ended or been handed to a colleague.';
  } else {
    title = 'The connection to the support session ended';
    text = reason || (code === RelayStatus.NORMAL.closeCode ? '' : 'Reload this page to join again.');
  }
  byId('ended-title').textContent = title;
  byId('ended-text').textContent = [text, 'Parley does not keep chat: save it now if you want a copy.'].filter(Boolean).join(' ');
  byId('ended').hidden = false;
  byId('ended-title').focus();
}

function enter(view) {
  byId('home').hidden = true;
  byId('title').textContent = view.customerName ? 'Support for ' + view.customerName : 'Support session';
  document.title = 'Support session – Parley';
  if (view.status === 'waiting' || view.status === 'queued') {
    if (view.supportKey) showKey(view);
    else showAwaiting();
  }
  showCustomer(view);
  support = new SupportConsole(view, new ScreenView({ anyViewerSwitches: true }));
  support.addEventListener('ended', (event) => ended(event.detail, support.session.you !== null));
  wireConsoleButtons(support, view.role);
  wireChat(() => support.session);
  // the customer, colleagues and the chat beside the screen: a technician looks at all three
  const room = new RoomIndicators(new SidePanel({ wideDefaults: ['chat', 'people'] }));
  wireToolbar(byId('toolbar'));
  const subject = 'Support session ' + view.id;
  byId('save-chat').addEventListener('click', () => saveChat(support.session, subject));
  byId('save-chat-after').addEventListener('click', () => saveChat(support.session, subject));
  if (view.role === 'technician') showColleagues(view, support);
  byId('session').hidden = false;
  byId('session-actions').hidden = false;
  const joined = support.join();
  if (support.session) room.attach(support.session);
  joined.catch((error) => {
    console.warn('support session failed to start', error);
    byId('session').hidden = true;
    byId('session-actions').hidden = true;
    byId('page-error').textContent = 'This browser could not start the encrypted session. Please use a current version of Chrome, Edge, Firefox or Safari.';
    byId('page-error').hidden = false;
    byId('page-error').focus();
  });
}

function started(created, teamId) {
  window.history.replaceState(null, '', '/support.html?id=' + encodeURIComponent(created.id));
  enter({ ...created, teamId: teamId || null, role: 'technician' });
  byId('key-title').focus();
}

async function open(id) {
  let view;
  try {
    view = await api.get('/api/v1/support-sessions/' + encodeURIComponent(id));
  } catch (error) {
    showFailure(byId('page-error'), error, 'Support session not found. It does not exist, or it is not yours to open.');
    return;
  }
  if (OVER.has(view.status)) {
    byId('page-error').textContent = view.status === 'expired'
      ? 'This support session expired before the customer connected. Start a new one.'
      : 'This support session has ended.';
    byId('page-error').hidden = false;
    return;
  }
  enter(view);
}

const id = idFromAddress(new URLSearchParams(window.location.search));
if (id !== null) open(id);
else showHome(started);
