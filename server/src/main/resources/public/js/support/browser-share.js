/**
 * The customer's side of a support session with nothing installed (issue 15): the browser redeems
 * the support key as the agent does (POST /api/v1/support-sessions/join), joins the relay with
 * the ticket as the `customer` (the same {@link Session}, keys and verification code as everywhere),
 * and shows the screen (getDisplayMedia, {@link ScreenPresenter}) — view only.
 *
 * Consent is the agent's (AssistedSession, ViewingConsent): every member who could open a frame is
 * asked about by their key, in the agent's words, and a frame is sealed only while every member of
 * the epoch it is sealed in holds a key the customer allowed — checked in the session's queue, with
 * the very members the frame is sealed for. Declining the technician ends the session, as in the agent.
 *
 * A browser cannot be controlled: control requests (0x15) and input (0x11) are ignored, and no grant
 * (0x12) is ever sent — which is how the technician's console knows to offer no control.
 */
import { api } from '../api.js';
import { byId, showError } from '../ui.js';
import { Session } from '../session/session.js';
import { SessionView } from '../session/view.js';
import { wireChat } from '../session/chat-form.js';
import { ScreenPresenter } from '../session/screen-presenter.js';
import { ScreenKind } from '../session/screen-format.js';
import { keyFingerprint } from '../protocol/fingerprint.js';
import { RelayStatus } from '../protocol/status.js';
import { ViewingConsent, viewQuestion } from './viewing-consent.js';

const EMPTY = new Uint8Array(0);
/** Who the customer is asked about while we hold the keys (the technician reloaded): as the agent, technicians only. */
const ASKED_WHEN_WAITING = new Set(['organizer', 'technician']);

/** The same participant key: ids are the relay's and are reused. */
function sameKey(a, b) {
  return a != null && b != null && a.publicKey.length === b.publicKey.length && a.publicKey.every((byte, i) => byte === b.publicKey[i]);
}

export class BrowserCustomer {
  #ticket = null;
  #session = null;
  #consent = new ViewingConsent();
  #questions = []; // participants to ask about, the first one shown
  #shownQuestion = null;
  #admitting = new Set();
  #presenter = null;
  #held = false; // the last frame was kept back: not everyone here was allowed
  #ending = null; // why we leave on purpose

  constructor() {
    byId('consent-allow').addEventListener('click', () => this.#answer(true));
    byId('consent-decline').addEventListener('click', () => this.#answer(false));
    byId('share-start').addEventListener('click', () => this.#share());
    byId('share-stop').addEventListener('click', () => this.#presenter?.stop());
    byId('browser-leave').addEventListener('click', () => this.#leave('left'));
    wireChat(() => this.#session);
    window.addEventListener('pagehide', () => this.#session?.leave());
  }

  /** Spends `key` (nine digits) for a ticket and joins; throws the server's refusal (wrong or used key, too many tries). */
  async start(key, name) {
    const body = { supportKey: key };
    if (name) body.name = name;
    this.#ticket = await api.post('/api/v1/support-sessions/join', body);
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const session = new Session({ url: scheme + '//' + window.location.host + this.#ticket.relayPath, meetingId: this.#ticket.sessionId, k: null });
    this.#session = session;
    new SessionView(session).render();
    session.addEventListener('change', () => this.#changed());
    session.addEventListener('content', (event) => this.#content(event.detail));
    session.addEventListener('closed', (event) => this.#closed(event.detail));
    await session.connect();
  }

  // ---- who may see the screen --------------------------------------------------------------

  #changed() {
    const s = this.#session;
    if (s.admitted) {
      for (const id of s.roster.members.members) {
        const p = s.roster.present.get(id);
        if (id !== s.you && p && this.#consent.startQuestion(p)) this.#ask(p);
      }
      if (s.keyholder) this.#letInWaitingTechnicians();
    }
    this.#showQuestion();
    this.#render();
  }

  // we hold the keys (the technician reloaded): a technician gets in only with a key the customer allowed
  #letInWaitingTechnicians() {
    const s = this.#session;
    for (const p of s.roster.waiting()) {
      if (!ASKED_WHEN_WAITING.has(p.role) || this.#admitting.has(p.id)) continue;
      if (this.#consent.allows(p)) {
        this.#admitting.add(p.id);
        s.admit(p.id).catch((refused) => console.warn('support: could not let the technician in', refused));
      } else if (this.#consent.startQuestion(p)) {
        this.#ask(p);
      }
    }
  }

  #ask(participant) {
    this.#questions.push(participant);
  }

  async #showQuestion() {
    const p = this.#questions[0];
    const box = byId('consent');
    if (p === undefined) {
      box.hidden = true;
      box.dataset.shown = 'no';
      return;
    }
    if (box.dataset.shown === 'yes' && this.#shownQuestion === p) return;
    this.#shownQuestion = p;
    box.dataset.shown = 'yes';
    const fingerprint = await keyFingerprint(p.publicKey);
    if (this.#questions[0] !== p) return;
    const question = viewQuestion(p.name, this.#ticket.organisation ?? '', fingerprint);
    byId('consent-sentence').textContent = question.sentence;
    byId('consent-reassurance').textContent = question.reassurance;
    byId('consent-key').textContent = question.keyLine;
    byId('consent-allow').textContent = this.#presenter === null ? 'Allow and choose what to share' : 'Allow';
    box.hidden = false;
    byId('consent-title').focus();
  }

  #answer(allowed) {
    const p = this.#questions.shift();
    if (p === undefined) return;
    byId('consent').hidden = true;
    byId('consent').dataset.shown = 'no';
    this.#consent.answered(p, allowed);
    const s = this.#session;
    const current = s.roster.present.get(p.id);
    if (!allowed && sameKey(current, p) && current.role === 'organizer' && s.roster.isMember(p.id)) {
      this.#leave('declined'); // as the agent: declining the technician ends the session
      return;
    }
    if (allowed && s.keyholder && s.roster.waiting().some((w) => sameKey(w, p))) this.#letInWaitingTechnicians();
    // the click that allowed the last one still counts as the person's gesture: the browser asks what to share now
    if (allowed && this.#presenter === null && this.#questions.length === 0 && this.#consent.allowsAllMembers(s)) this.#share();
    this.#showQuestion();
    this.#render();
  }

  // ---- sharing -----------------------------------------------------------------------------

  async #share() {
    const status = byId('share-status');
    if (!ScreenPresenter.supported) {
      status.textContent = 'This browser cannot share its screen. Use a current version of Chrome, Edge or Firefox, or the Parley app below.';
      return;
    }
    const session = this.#session;
    // frames go out only while everyone who could open them is allowed, judged in the session's queue
    const gated = {
      get bufferedAmount() {
        return session.bufferedAmount;
      },
      sendMedia: async (kind, body, options) => {
        let held = false;
        const sent = await session.sendMedia(kind, body, { ...options, onlyIf: () => {
          held = !this.#consent.allowsAllMembers(session);
          if (!held && this.#held) presenter.keyframeRequested(); // they saw nothing meanwhile
          this.#held = held;
          return !held;
        } });
        return sent || held; // kept back by consent is no congestion: no reason to lower the bitrate
      },
    };
    const presenter = new ScreenPresenter(gated);
    presenter.addEventListener('stopped', () => this.#stopped(presenter));
    presenter.addEventListener('failed', (event) => {
      status.textContent = event.detail.message;
    });
    try {
      await presenter.start();
    } catch (refused) {
      status.textContent = refused?.name === 'NotAllowedError' ? 'You did not choose anything to share: nothing is shown.' : 'Your screen could not be shared.';
      if (refused?.name !== 'NotAllowedError') console.warn('support: screen share failed', refused);
      return;
    }
    this.#presenter = presenter;
    this.#held = false;
    const preview = byId('share-preview');
    preview.srcObject = presenter.stream;
    preview.play().catch(() => {});
    this.#render();
    byId('share-stop').focus();
  }

  #stopped(presenter) {
    if (this.#presenter !== presenter) return;
    this.#presenter = null;
    // the technician's stage clears now, not after ten quiet seconds
    this.#session?.sendContent(ScreenKind.STOPPED, EMPTY).catch(() => {});
    byId('share-preview').srcObject = null;
    this.#render();
    if (this.#session?.connected) byId('share-start').focus();
  }

  // runs inside the session's queue: must not throw. Only a viewer's request for a key frame means
  // anything here; a control request (0x15) or input (0x11) is for a desktop agent and is ignored
  #content({ from, kind, ack }) {
    try {
      if (kind === ScreenKind.KEYFRAME_REQUEST && this.#consent.allows(this.#session.roster.present.get(from))) {
        this.#presenter?.keyframeRequested();
      }
    } finally {
      ack?.(); // README §12: media we do not show is finished with at once
    }
  }

  // ---- the page ----------------------------------------------------------------------------

  #render() {
    const s = this.#session;
    const sharing = this.#presenter !== null;
    const others = (s.roster.members?.members ?? []).filter((id) => id !== s.you && s.roster.present.has(id));
    const everyone = this.#consent.allowsAllMembers(s);
    byId('share-start').hidden = sharing || !s.admitted || others.length === 0 || this.#questions.length > 0;
    byId('share-stop').hidden = !sharing;
    byId('share-preview').hidden = !sharing;
    let text;
    if (!s.admitted) text = 'Nothing is shown yet.';
    else if (others.length === 0) text = 'Waiting for the technician to connect. Nothing is shown yet.';
    else if (sharing && everyone) text = 'Sharing your screen with ' + others.map((id) => s.nameOf(id)).join(', ') + '.';
    else if (sharing || this.#questions.length > 0) text = 'Nothing is shown until you allow everyone in the session.';
    else text = 'You are not sharing your screen.';
    byId('share-status').textContent = text;
  }

  #leave(why) {
    this.#ending = why;
    this.#presenter?.stop();
    this.#session?.leave();
  }

  #closed({ code, reason }) {
    this.#presenter?.stop();
    this.#questions = [];
    byId('consent').hidden = true;
    byId('browser-session').hidden = true;
    byId('steps').hidden = true;
    let title = 'The support session ended';
    let text;
    if (this.#ending === 'declined') text = 'You did not allow the technician to see your screen, so the session ended. Nothing was shown.';
    else if (this.#ending === 'left') text = 'You ended the support session. Your screen is no longer shared.';
    else if (code === RelayStatus.GONE.closeCode) text = reason;
    else if (this.#session.you === null) {
      title = 'Could not connect';
      text = 'The support session could not be reached. It may have ended: ask your technician for a new key.';
    } else text = 'The connection was lost. Your screen is no longer shared. Ask your technician for a new key to connect again.';
    byId('browser-ended-title').textContent = title;
    byId('browser-ended-text').textContent = text;
    byId('browser-ended').hidden = false;
    byId('browser-ended-title').focus();
  }
}

/** Wires the "share from this browser" offer of customer.html for `key()`, the key the page shows. */
export function wireBrowserOffer(key) {
  if (!ScreenPresenter.supported) {
    // said before the key is spent: a phone or an old browser could connect but never show anything
    byId('browser-connect').disabled = true;
    byId('browser-unsupported').hidden = false;
    return;
  }
  const customer = new BrowserCustomer();
  byId('browser-connect').addEventListener('click', async () => {
    const button = byId('browser-connect');
    const alert = byId('browser-error');
    button.disabled = true;
    alert.textContent = '';
    try {
      await customer.start(key(), byId('browser-name').value.trim());
    } catch (error) {
      button.disabled = false;
      showError(alert, error);
      alert.focus();
      return;
    }
    byId('steps').hidden = true;
    byId('browser-session').hidden = false;
    byId('browser-title-live').focus();
  });
}
