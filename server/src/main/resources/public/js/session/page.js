// session.html: loads what the meeting is, then joins its relay as this browser's participant.
// ?id=<meeting> (signed in) or ?id=…&registration=<personal token> (a registrant's mail link).
import { api } from '../api.js';
import { byId } from '../ui.js';
import { copyText, idFromAddress, showLoadFailure } from '../meetings/common.js';
import { organizerInvitationKey, invitationLink, storedInvitationKey, takeInvitationKey } from './invitation.js';
import { Session } from './session.js';
import { SessionView } from './view.js';
import { ScreenView } from './screen-view.js';
import { saveChat } from './transcript.js';
import { RelayStatus } from '../protocol/status.js';
import { wireChat } from './chat-form.js';
import { MediaRoom, acknowledgeUnplayedMedia } from './media/media-room.js';
import { RoomIndicators, wireGalleryView } from './room.js';
import { SidePanel } from './side-panel.js';
import { wireToolbar } from './toolbar.js';

const params = new URLSearchParams(window.location.search);
const id = idFromAddress(params);
const token = params.get('registration');
let session = null;
let meeting = null;
let screen = null;
let media = null; // voice and cameras of the current join
let room = null; // the toolbar's and header's indicators: unread chat, people waiting, the code

function relayUrl() {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? '?registration=' + encodeURIComponent(token) : '';
  return scheme + '//' + window.location.host + '/api/v1/meetings/' + encodeURIComponent(id) + '/relay' + query;
}

async function loadMeeting() {
  if (token) {
    const personal = await api.get('/api/v1/registrations/' + encodeURIComponent(token));
    return { ...personal.event, role: 'registrant' };
  }
  return api.get('/api/v1/meetings/' + encodeURIComponent(id));
}

function showInvitation(k) {
  const link = invitationLink(meeting.joinUrl, k);
  byId('invite-url').value = link;
  byId('invite-section').hidden = false;
}

async function join() {
  const organizer = meeting.role === 'organizer';
  const k = organizer ? organizerInvitationKey(id) : storedInvitationKey(id);
  if (organizer && k) showInvitation(k);
  session = new Session({ url: relayUrl(), meetingId: id, k });
  const view = new SessionView(session);
  screen.attach(session);
  room.attach(session);
  // a webinar's attendees listen; organizers and panelists (invitees) speak
  const webinar = meeting.kind === 'webinar';
  media = null; // a rejoin's room, if it starts; never the last join's
  try {
    media = new MediaRoom(session, { title: meeting.subject, speaks: (role) => !(webinar && role === 'registrant') });
  } catch (failed) {
    console.warn('voice and cameras are not available on this page', failed);
    acknowledgeUnplayedMedia(session); // the session, chat and screen go on
  }
  session.addEventListener('closed', (event) => ended(event.detail));
  session.addEventListener('notice', (event) => {
    byId('chat-error').textContent = event.detail.message;
  });
  byId('ended').hidden = true;
  byId('session').hidden = false;
  view.render();
  await session.connect();
}

function ended({ code, reason, byUs }) {
  const wasIn = session.you !== null;
  byId('session').hidden = true;
  byId('ended').hidden = false;
  let title;
  let text;
  if (byUs) {
    title = 'You left the meeting';
    text = 'Your keys for this meeting are gone from this page. Parley does not keep chat: save it now if you want a copy, as it is gone once you close this page.';
  } else if (!wasIn) {
    title = 'Could not join';
    text = 'The meeting could not be reached. Check that you are signed in with the account that was invited and that the meeting was not cancelled, then try again.';
  } else {
    title = 'The connection to the meeting ended';
    text = (reason ? reason + ' ' : '') + (code === RelayStatus.NORMAL.closeCode ? '' : 'You can join again.');
  }
  byId('ended-title').textContent = title;
  byId('ended-text').textContent = text;
  byId('ended-title').focus();
}

/**
 * Every 30 s, and on leaving, the numbers of what arrived (a shown screen, the voices, the cameras)
 * go to the server's quality records, one report per kind.
 */
const QUALITY_EVERY_MS = 30_000;

function reportQuality() {
  const reports = [screen?.qualityReport(), ...(media?.qualityReports() ?? [])].filter((r) => r);
  // registrants without an account have no session cookie to report with
  if (token || session === null) return;
  for (const report of reports) {
    api.post('/api/v1/meetings/' + encodeURIComponent(id) + '/quality', report)
      .catch((failed) => console.warn('quality report not recorded', failed));
  }
}

function wire() {
  screen = new ScreenView();
  room = new RoomIndicators(new SidePanel());
  wireToolbar(byId('toolbar'));
  wireGalleryView();
  setInterval(reportQuality, QUALITY_EVERY_MS);
  byId('leave').addEventListener('click', () => {
    reportQuality(); // the last seconds too
    session?.leave();
  });
  byId('rejoin').addEventListener('click', () => join().catch(failed));
  byId('save-chat').addEventListener('click', () => saveChat(session, meeting.subject));
  byId('save-chat-after').addEventListener('click', () => saveChat(session, meeting.subject));
  byId('copy-invite').addEventListener('click', () => copyText(byId('invite-url').value, byId('invite-url'), byId('invite-status')));
  wireChat(() => session);
  window.addEventListener('pagehide', () => session?.leave());
}

function failed(error) {
  console.warn('session failed to start', error);
  byId('session').hidden = true;
  byId('page-error').textContent = 'This browser could not start the encrypted session. Please use a current version of Chrome, Edge, Firefox or Safari.';
  byId('page-error').hidden = false;
}

async function start() {
  if (!id) {
    byId('page-error').textContent = 'This address names no meeting. Open the link from your invitation or from My meetings.';
    byId('page-error').hidden = false;
    return;
  }
  takeInvitationKey(id);
  byId('back').href = '/meeting.html?id=' + encodeURIComponent(id) + (token ? '&registration=' + encodeURIComponent(token) : '');
  try {
    meeting = await loadMeeting();
  } catch (error) {
    showLoadFailure(byId('page-error'), error, 'meeting');
    return;
  }
  if (meeting.cancelled) {
    byId('page-error').textContent = 'This meeting was cancelled; no one can join it.';
    byId('page-error').hidden = false;
    return;
  }
  document.title = meeting.subject + ' – in the meeting – Parley';
  byId('subject').textContent = meeting.subject;
  wire();
  join().catch(failed);
}

start();
