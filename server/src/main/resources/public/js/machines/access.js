/**
 * The caller's side of a remote-access connection (issue spec §10): the relay session opened with
 * the connect ticket, and the SRP access handshake that proves the access password to the
 * computer's agent — and the agent's knowledge of it to us — before the agent lets us in. The
 * password goes into the handshake and nowhere else: not to the server, not into storage.
 *
 * Once in, every epoch of the session must be confirmed by the agent with the handshake's key K
 * (README §10) before anything sealed with it is shown or any input is sent: a KEY authenticates
 * nobody, so the relay could otherwise hand us a secret of its own, show a fake screen and read
 * what we type. An epoch that is not proven ends the connection. No DOM here: remote.js draws it.
 */
import { EPOCH_LIMIT } from '../protocol/keyschedule.js';
import { EMPTY, readUint } from '../protocol/bytes.js';
import { MessageType, decodeEnvelope } from '../protocol/envelope.js';
import { AccessCaller, ConfirmedEpochs, UNPROVEN } from '../protocol/srp.js';
import { ScreenKind } from '../session/screen-format.js';
import { Session } from '../session/session.js';

/** The agent joins its own relay room as the keyholder, with the organizer role. */
const AGENT_ROLE = 'organizer';
const AGENT_WAIT_MS = 15_000;
const ANSWER_WAIT_MS = 20_000;
const OVERDUE_CHECK_MS = 250;
const MAX_MESSAGE = 300;

/** Why the computer did not let us in, in words for the person; `final`: another password cannot help now. */
export class AccessRefused extends Error {
  constructor(message, { reason = 'other', final = false } = {}) {
    super(message);
    this.name = 'AccessRefused';
    this.reason = reason;
    this.final = final;
  }
}

const GONE = () => new AccessRefused('The connection to the computer was closed.', { reason: 'closed', final: true });
const NO_AGENT = () => new AccessRefused('The computer did not answer: it may have just gone offline. Try again in a moment.',
  { reason: 'offline', final: true });
const NO_ANSWER = () => new AccessRefused('The computer did not answer the password check. Try again in a moment.',
  { reason: 'timeout', final: true });
// M2 is wrong: whoever answered does not know the verifier, so it is not the computer the owner set up
const IMPOSTOR = () => new AccessRefused('The computer could not prove that it knows the access password, so you were '
  + 'disconnected: something between you and the computer may be pretending to be it. Tell the computer’s owner.',
{ reason: 'impostor', final: true });
const UNREADABLE = () => new AccessRefused('The computer’s answer to the password check was not valid, so you were disconnected.',
  { reason: 'invalid', final: true });
// an epoch's secret the agent did not confirm with K: it may be the relay's own
const UNPROVEN_KEYS = () => new AccessRefused(UNPROVEN, { reason: 'unproven', final: true });

const DEFAULT_REFUSALS = {
  password: 'The access password is wrong.',
  locked: 'Too many wrong passwords: the computer refuses every attempt for 15 minutes.',
  paused: 'Access to this computer is paused.',
  busy: 'Someone else is connected to this computer right now.',
};

function refusal(message) {
  const reason = typeof message.reason === 'string' ? message.reason : 'other';
  const text = typeof message.message === 'string' && message.message.trim() !== ''
    ? message.message.slice(0, MAX_MESSAGE) : DEFAULT_REFUSALS[reason] ?? 'The computer refused the connection.';
  return new AccessRefused(text, { reason, final: reason !== 'password' });
}

/**
 * The relay's WebSocket as the session sees it, but every message shown to `arrived` first: a KEY
 * is noted before the session can install it, so nothing the session then opens with its secret
 * counts as trusted until the agent confirmed that epoch.
 */
function observedSocket(Socket, arrived) {
  return class ObservedSocket extends EventTarget {
    #ws;

    constructor(url) {
      super();
      this.#ws = new Socket(url);
      this.#ws.addEventListener('open', () => this.dispatchEvent(new Event('open')));
      this.#ws.addEventListener('error', () => this.dispatchEvent(new Event('error')));
      this.#ws.addEventListener('close', (event) => this.dispatchEvent(new CloseEvent('close',
        { code: event.code, reason: event.reason, wasClean: event.wasClean })));
      this.#ws.addEventListener('message', (event) => {
        arrived(event.data);
        this.dispatchEvent(new MessageEvent('message', { data: event.data }));
      });
    }

    get binaryType() { return this.#ws.binaryType; }

    set binaryType(type) { this.#ws.binaryType = type; }

    get readyState() { return this.#ws.readyState; }

    get bufferedAmount() { return this.#ws.bufferedAmount; }

    send(data) { this.#ws.send(data); }

    close(code, reason) { this.#ws.close(code, reason); }
  };
}

/**
 * The session as the screen view sees it: screen content arrives, and input goes out, only while
 * every epoch the session may hold has been confirmed by the agent. Meanwhile it is not "admitted",
 * so the screen panel hides.
 */
class ConfirmedView extends EventTarget {
  #session;
  #epochs;

  constructor(session, epochs) {
    super();
    this.#session = session;
    this.#epochs = epochs;
    // checked as the session dispatches, so against every KEY that arrived before this frame
    session.addEventListener('content', (event) => {
      if (epochs.trusted) this.dispatchEvent(new CustomEvent('content', { detail: event.detail }));
      else event.detail.ack?.(); // README §12: media we will not show is finished with at once
    });
    session.addEventListener('change', () => this.dispatchEvent(new Event('change')));
    session.addEventListener('media-dropped', (event) => this.dispatchEvent(new CustomEvent('media-dropped', { detail: event.detail })));
    session.addEventListener('closed', (event) => this.dispatchEvent(new CustomEvent('closed', { detail: event.detail })));
  }

  get admitted() { return this.#session.admitted && this.#epochs.trusted; }

  get connected() { return this.#session.connected; }

  get you() { return this.#session.you; }

  get roster() { return this.#session.roster; }

  nameOf(id) { return this.#session.nameOf(id); }

  sendContent(kind, body, options) {
    return this.#epochs.trusted ? this.#session.sendContent(kind, body, options) : Promise.resolve(false);
  }

  sendMedia(kind, body, options) {
    return this.#epochs.trusted ? this.#session.sendMedia(kind, body, options) : Promise.resolve(false);
  }

  // what input-auth.js's sendInput needs (README §9.1); input goes out only while trusted, as above
  get publicKey() { return this.#session.publicKey; }

  get sessionId() { return this.#session.sessionId; }

  agreeWith(peerPublicKey) { return this.#session.agreeWith(peerPublicKey); }

  sendContentFor(kind, bodyFor, options) {
    return this.#epochs.trusted ? this.#session.sendContentFor(kind, bodyFor, options) : Promise.resolve(false);
  }
}

export class RemoteAccess extends EventTarget {
  #machineId;
  #attempt = null; // {agent, caller, step: 'start'|'evidence'|'sent', resolve, reject, timer}
  #provenAgent = null;
  #closed = false;
  #left = false;
  #epochs = new ConfirmedEpochs();
  #wasTrusted = false;
  #overdueCheck;
  /** The relay session, for the page to follow. */
  session;
  /** What the screen view may see of the session: nothing of an epoch the agent has not confirmed. */
  view;

  /**
   * @param {{machineId: string, url: string, WebSocket?: typeof WebSocket}} options the computer's id and
   *   the relay's ws(s) URL carrying the connect ticket
   */
  constructor({ machineId, url, WebSocket = globalThis.WebSocket }) {
    super();
    this.#machineId = machineId.toLowerCase();
    const observed = observedSocket(WebSocket, (data) => this.#arrived(data));
    this.session = new Session({ url, meetingId: this.#machineId, k: null, WebSocket: observed });
    this.view = new ConfirmedView(this.session, this.#epochs);
    this.session.addEventListener('handshake', (event) => this.#answer(event.detail));
    this.session.addEventListener('code', ({ detail: { code, epoch } }) => {
      if (code !== null && epoch !== null) this.#epochs.epochChanged(epoch, code);
      this.#trustChanged();
    });
    this.session.addEventListener('closed', () => {
      this.#closed = true;
      clearInterval(this.#overdueCheck);
      this.#fail(GONE());
    });
    this.#overdueCheck = setInterval(() => {
      if (this.#epochs.overdue()) this.#unproven();
    }, OVERDUE_CHECK_MS);
  }

  connect() {
    return this.session.connect();
  }

  /** The agent's participant id, or null while it is not in the room. */
  get agent() {
    const s = this.session;
    if (!s.connected) return null;
    for (const p of s.roster.present.values()) {
      if (p.role === AGENT_ROLE && p.id !== s.you) return p.id;
    }
    return null;
  }

  /** Whether the relay connection ended (it is not reopened: a new one needs a new ticket). */
  get closed() {
    return this.#closed;
  }

  /** Whether a password is being checked now. */
  get checking() {
    return this.#attempt !== null;
  }

  /**
   * Whether the computer proved it knows the password and let us in: we hold its key and it is
   * the one holding the key (not someone the relay put in its place).
   */
  get in() {
    const s = this.session;
    return this.#provenAgent !== null && s.admitted && s.roster.members?.keyholder === this.#provenAgent
      && s.roster.present.has(this.#provenAgent) && this.#wasTrusted;
  }

  /** Whether the agent confirmed every epoch the session may hold: the screen may show and input go out. */
  get trusted() {
    return this.#epochs.trusted;
  }

  /**
   * Proves `password` to the agent. Resolves once the agent proved itself (admission follows as
   * ADMIT and KEY); rejects with {@link AccessRefused}.
   */
  async unlock(password) {
    if (this.#attempt !== null) throw new AccessRefused('The password is being checked already.', { reason: 'busy' });
    const agent = await this.#agentPresent();
    const caller = new AccessCaller(this.#machineId, password.normalize('NFC'));
    const proven = new Promise((resolve, reject) => {
      this.#attempt = { agent, caller, step: 'start', resolve, reject, timer: setTimeout(() => this.#fail(NO_ANSWER()), ANSWER_WAIT_MS) };
    });
    try {
      await this.session.sendHandshake(agent, await caller.start());
    } catch (failed) {
      console.warn('access: the handshake could not start', failed);
      this.#fail(GONE());
    }
    return proven;
  }

  /** Closes the connection (the page's Disconnect and Cancel). */
  leave() {
    if (this.#left) return;
    this.#left = true;
    this.session.leave();
  }

  #agentPresent() {
    if (this.#closed) return Promise.reject(GONE());
    if (this.agent !== null) return Promise.resolve(this.agent);
    return new Promise((resolve, reject) => {
      const s = this.session;
      const done = (outcome) => {
        clearTimeout(timer);
        s.removeEventListener('change', changed);
        s.removeEventListener('closed', closed);
        outcome();
      };
      const changed = () => {
        if (this.agent !== null) done(() => resolve(this.agent));
      };
      const closed = () => done(() => reject(GONE()));
      const timer = setTimeout(() => done(() => reject(NO_AGENT())), AGENT_WAIT_MS);
      s.addEventListener('change', changed);
      s.addEventListener('closed', closed);
    });
  }

  async #answer({ from, message }) {
    if (message?.t === 'epoch-confirm') {
      if (from === this.#provenAgent) await this.#confirmEpoch(message);
      return;
    }
    const attempt = this.#attempt;
    if (attempt === null || from !== attempt.agent || message === null || typeof message !== 'object') return;
    try {
      if (message.t === 'refused') {
        this.#fail(refusal(message));
      } else if (message.t === 'srp-challenge' && attempt.step === 'start') {
        attempt.step = 'evidence';
        const evidence = await attempt.caller.evidence(message, this.#ownPublicKey(), this.#publicKeyOf(attempt.agent));
        if (this.#attempt !== attempt) return;
        await this.session.sendHandshake(attempt.agent, evidence);
        attempt.step = 'sent';
      } else if (message.t === 'srp-ok' && attempt.step === 'sent') {
        attempt.step = 'done';
        if (await attempt.caller.confirm(message)) this.#succeed(attempt);
        else this.#refuseAndLeave(IMPOSTOR());
      }
    } catch (failed) {
      // SessionError: the agent left or the connection closed while we answered
      if (failed?.name !== 'SessionError') console.warn('access: the handshake failed', failed);
      this.#refuseAndLeave(failed?.name === 'SessionError' ? NO_AGENT() : UNREADABLE());
    }
  }

  // the bind covers our real key, never the relay's word for it: a relay that swapped it is caught
  #ownPublicKey() {
    const key = this.session.publicKey;
    if (!(key instanceof Uint8Array) || key.length !== 32) throw new Error('the session does not tell its own public key');
    return key;
  }

  #publicKeyOf(id) {
    const key = this.session.roster.present.get(id)?.publicKey;
    if (!key) throw new Error('the agent left during the handshake');
    return key;
  }

  #succeed(attempt) {
    if (this.#attempt !== attempt) return;
    clearTimeout(attempt.timer);
    this.#attempt = null;
    this.#provenAgent = attempt.agent;
    this.#epochs.accepted(attempt.caller.sessionKey);
    attempt.resolve();
  }

  // every message as it arrives, before the session handles it: a KEY names the epoch it may install
  #arrived(data) {
    let envelope;
    try {
      envelope = decodeEnvelope(data);
    } catch {
      return; // the session drops it too
    }
    if (envelope.type !== MessageType.KEY || envelope.payload.length < 8) return;
    const epoch = readUint(envelope.payload, 0, 8);
    if (epoch >= BigInt(EPOCH_LIMIT)) return; // does not open
    this.#epochs.seen(Number(epoch));
    this.#trustChanged();
  }

  async #confirmEpoch(message) {
    const s = this.session;
    // the 'code' event came first; should two codes have been equal, it never fired for this epoch
    if (s.code !== null && s.roster.members?.epoch === message.epoch) this.#epochs.epochChanged(message.epoch, s.code);
    let proven = false;
    try {
      proven = await this.#epochs.confirm(message);
    } catch (malformed) {
      console.warn('access: a malformed epoch-confirm', malformed);
    }
    if (!proven) {
      this.#unproven();
      return;
    }
    const renewed = this.#wasTrusted && this.#epochs.trusted;
    this.#trustChanged();
    // frames sealed while the epoch was unconfirmed were not shown: ask for a whole screen again
    if (renewed) this.view.sendContent(ScreenKind.KEYFRAME_REQUEST, EMPTY, { to: this.#provenAgent }).catch(() => {});
  }

  #trustChanged() {
    if (this.#epochs.trusted) this.#wasTrusted = true;
    this.view.dispatchEvent(new Event('change'));
  }

  #unproven() {
    if (this.#closed || this.#left) return;
    const refused = UNPROVEN_KEYS();
    this.dispatchEvent(new CustomEvent('unproven', { detail: { message: refused.message } }));
    this.#refuseAndLeave(refused);
  }

  #refuseAndLeave(refused) {
    this.#fail(refused);
    this.leave();
  }

  #fail(refused) {
    const attempt = this.#attempt;
    if (attempt === null) return;
    clearTimeout(attempt.timer);
    this.#attempt = null;
    attempt.reject(refused);
  }
}
