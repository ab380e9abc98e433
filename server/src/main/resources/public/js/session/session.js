/**
 * One participant's session in the browser (protocol README §8): the relay connection, the
 * roster, the epoch keys and the chat. When we hold the key, the keyholder's duties (admitting,
 * rekeying, handing keys out) are keyholder.js's, which this class calls. It knows nothing of the page: the
 * view listens to its events ('change', 'chat', 'code', 'closed', 'content' for the screen
 * kinds 0x10–0x1f of README §9, and 'handshake' for README §10's clear messages) and calls its methods.
 *
 * Every incoming message and every keyholder action runs through one queue, one at a time, so a
 * KEY is installed before the DATA behind it is opened and two admissions never interleave their
 * ratchets. The queue is bounded; a message that does not decode, open or make sense is dropped
 * and counted, never thrown at the page.
 */
import { MAX_HANDSHAKE_PAYLOAD, MEDIA_ACK_PAYLOAD, MediaMark, MessageType, decodeEnvelope, encodeEnvelope } from '../protocol/envelope.js';
import { RelayStatus } from '../protocol/status.js';
import { constantTimeEqual, toBase64Url, utf8 } from '../protocol/bytes.js';
import { generateKeyPair } from '../protocol/hpke.js';
import { admissionProof, openEpochSecret, sessionIdFromUuid } from '../protocol/keyschedule.js';
import { SessionKeys } from '../protocol/session-keys.js';
import { SFrameError } from '../protocol/sframe.js';
import { MAX_CHAT_LENGTH, decodeContent, encodeAppContent, encodeChat, isMediaKind } from './content.js';
import { Keyholder } from './keyholder.js';
import { Roster, participantFrom } from './roster.js';

/** README §8: an organizer who hears of no keyholder this long after its snapshot starts epoch 0. */
export const START_DELAY_MS = 2000;
/** README §3: how long frames of the previous epoch still open after a change. */
export const GRACE_MS = 10_000;
const MAX_QUEUED = 512;
const MAX_CHAT_KEPT = 1000;
const MAX_BUFFERED_BYTES = 4 << 20;
const MAX_HELD_BACK = 256;
const MAX_HELD_BACK_BYTES = 4 << 20;
/** README §12: the most often this page acknowledges media; the relay's rules look at 250 ms and more. */
const ACK_EVERY_MS = 20;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Something the person did that the session cannot do now (not yet let in, too long, gone). */
export class SessionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SessionError';
  }
}

export class Session extends EventTarget {
  #url;
  #meetingId;
  #k;
  #WebSocket;
  #ws = null;
  #keyPair = null;
  #keys = null;
  #keyholder = null; // our keyholder duties, from the snapshot on (who we are is known then)
  #sessionId;
  #you = null;
  #queue = Promise.resolve();
  #queued = 0;
  #timers = new Set();
  #closed = false;
  #leaving = false;
  #chatSeq = 0;
  #sessionSeen = false; // any ADMIT, KEY or DATA: someone holds keys here, so an organizer must not start its own
  #admittedBy = null; // who sent us ADMIT before our first members message: the only one we take a first KEY from
  #keySender = null; // who gave us the current epoch's KEY: its members message must come from them
  #lastCode = null; // the last verification code shown
  #everPresent = new Set(); // every id this connection saw: the relay never gives one twice
  #sendingHeld = false; // a fresh epoch's KEY came and its members not yet: what we send waits (README §8)
  #heldBack = []; // {to, plaintext, chat?} waiting for those members
  #mediaDone = 0; // README §12: bytes of MEDIA envelopes we have finished with, as our MEDIA_ACK counts them
  #mediaAckTimer = null;
  #lastMediaAckAt = -Infinity;
  /** Present participants and the current members. */
  roster = new Roster();
  /** The chat as this browser saw it, oldest first, at most the last {@link MAX_CHAT_KEPT}. */
  chat = [];
  /** Messages dropped, by reason. */
  dropped = new Map();
  /** The verification code of the current epoch and members, or null. */
  code = null;
  /** True once a keyholder sent us ADMIT (the key follows). */
  letIn = false;

  /**
   * @param {{url: string, meetingId: string, k?: Uint8Array|null, WebSocket?: typeof WebSocket}} options the relay's
   *   ws(s) URL, the meeting's UUID, the invitation key if we have it
   */
  constructor({ url, meetingId, k = null, WebSocket: Socket = globalThis.WebSocket }) {
    super();
    this.#url = url;
    this.#meetingId = meetingId.toLowerCase();
    this.#sessionId = sessionIdFromUuid(meetingId);
    this.#k = k;
    this.#WebSocket = Socket;
  }

  /** Our participant id, once the snapshot came. */
  get you() {
    return this.#you;
  }

  get connected() {
    return this.#you !== null && !this.#closed;
  }

  /** Whether we hold the current epoch's key and are in its members. */
  get admitted() {
    return this.#keys?.epoch != null && this.roster.isMember(this.#you);
  }

  get keyholder() {
    return this.admitted && this.roster.members.keyholder === this.#you;
  }

  /** Who let us in (sent us ADMIT) before our first members message, or null. */
  get admittedBy() {
    return this.#admittedBy;
  }

  /** Our JOIN public key (32 bytes) once connect() made it, for the access handshake's binding (README §10). */
  get publicKey() {
    return this.#keyPair?.publicKey ?? null;
  }

  /** Whether we can admit people automatically (we have the invitation key). */
  get hasInvitationKey() {
    return this.#k !== null;
  }

  /** Makes a fresh key pair (private key not extractable) and sends JOIN when the socket opens. */
  async connect() {
    this.#keyPair = await generateKeyPair();
    const join = { publicKey: toBase64Url(this.#keyPair.publicKey) };
    if (this.#k) join.proof = toBase64Url(await admissionProof(this.#k, this.#sessionId, this.#keyPair.publicKey));
    if (this.#closed) return; // left while the keys were being made
    const ws = new this.#WebSocket(this.#url);
    this.#ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('open', () => {
      this.#send(MessageType.JOIN, 0, utf8(JSON.stringify(join)), 0);
    });
    ws.addEventListener('message', (event) => {
      const media = this.#mediaReceipt(event.data);
      this.#enqueue(() => this.#receive(event.data, media), true, media);
    });
    ws.addEventListener('close', (event) => this.#ended(event.code, event.reason));
  }

  /**
   * Sends a chat message to everyone (to = 0) or to one member.
   * @param {string} text
   * @param {number} [to]
   * @returns {Promise<void>}
   * @throws {SessionError}
   */
  sendChat(text, to = 0) {
    if (typeof text !== 'string' || text.trim() === '') return Promise.reject(new SessionError('Write a message first.'));
    if (text.length > MAX_CHAT_LENGTH) return Promise.reject(new SessionError(`A message can be at most ${MAX_CHAT_LENGTH} characters.`));
    return this.#enqueue(async () => {
      if (!this.admitted) throw new SessionError('You can chat once you have been let in.');
      if (to !== 0 && (to === this.#you || !this.roster.isMember(to))) throw new SessionError('That person is no longer here.');
      if (this.#ws.bufferedAmount > MAX_BUFFERED_BYTES) throw new SessionError('Your connection is too slow right now; try again in a moment.');
      const now = new Date();
      const plaintext = encodeChat(text, now);
      if (this.#sendingHeld) {
        this.#holdBack({ to, plaintext, chat: { text, at: now } });
        return;
      }
      this.#send(MessageType.DATA, to, await this.#seal(plaintext));
      this.#remember({ from: this.#you, to, text, at: now, own: true });
    });
  }

  /**
   * Sends application content (README §9, §9a and §9b, kinds 0x10–0x3f) to everyone (to = 0) or to one member.
   * With `droppable`, content that would only pile up behind a slow connection is not sent:
   * resolves to false, and the caller decides what a lost message means (a video encoder sends a
   * key chunk next). Resolves to false too when we are not (or no longer) a member.
   * @param {number} kind
   * @param {Uint8Array} body
   * @param {{to?: number, droppable?: boolean}} [options]
   * @returns {Promise<boolean>} whether it went out
   */
  sendContent(kind, body, { to = 0, droppable = false } = {}) {
    const plaintext = encodeAppContent(kind, body);
    return this.#enqueue(async () => {
      if (!this.admitted || this.#closed) return false;
      if (to !== 0 && (to === this.#you || !this.roster.isMember(to))) return false;
      if (droppable && this.#ws.bufferedAmount > MAX_BUFFERED_BYTES) return false;
      if (this.#sendingHeld) {
        if (droppable) return false;
        this.#holdBack({ to, plaintext });
        return true;
      }
      this.#send(MessageType.DATA, to, await this.#seal(plaintext));
      return true;
    });
  }

  /**
   * Sends media (README §12 "Media flow control": screen kinds 0x10–0x1f, audio frames 0x20, camera
   * chunks 0x21) as a MEDIA envelope: the clear `mark` (MediaMark bits, stream in bits 4–5) tells the
   * relay whether decoding can start here, whether it may drop this for a receiver that is behind,
   * and whether it is voice. A droppable one is not sent at all when our own uplink is behind.
   * Resolves to whether it went out.
   * @throws {RangeError} for any other kind: receivers would drop it as malformed-content
   * @param {number} kind
   * @param {Uint8Array} body
   * With `onlyIf`, asked in the queue right before sealing (so with the members the frame would be
   * sealed for): false, and it is not sent — a support customer's consent covers these members only.
   * @param {{to?: number, mark?: number, onlyIf?: () => boolean}} [options]
   * @returns {Promise<boolean>}
   */
  sendMedia(kind, body, { to = 0, mark = 0, onlyIf = () => true } = {}) {
    if (!isMediaKind(kind)) throw new RangeError(`a MEDIA carries kinds 0x10–0x1f, 0x20 or 0x21, got ${kind}`);
    const plaintext = encodeAppContent(kind, body);
    return this.#enqueue(async () => {
      if (!this.admitted || this.#closed || !onlyIf()) return false;
      if (to !== 0 && (to === this.#you || !this.roster.isMember(to))) return false;
      if ((mark & MediaMark.DROPPABLE) !== 0 && this.#ws.bufferedAmount > MAX_BUFFERED_BYTES) return false;
      if (this.#sendingHeld) return false; // a fresh epoch's members are not known yet: the next refresh point goes out
      const frame = await this.#seal(plaintext);
      const payload = new Uint8Array(1 + frame.length);
      payload[0] = mark;
      payload.set(frame, 1);
      this.#send(MessageType.MEDIA, to, payload);
      return true;
    });
  }

  /**
   * Sends an access-handshake message (README §10) to one participant, as clear JSON in a HANDSHAKE
   * envelope: it needs no key, so it works before we are let in.
   * @param {number} to
   * @param {object} message
   * @returns {Promise<void>}
   * @throws {SessionError}
   */
  sendHandshake(to, message) {
    const payload = utf8(JSON.stringify(message));
    return this.#enqueue(async () => {
      if (this.#closed || this.#you === null) throw new SessionError('You are not connected.');
      if (to === this.#you || !this.roster.present.has(to)) throw new SessionError('That person is no longer here.');
      if (payload.length > MAX_HANDSHAKE_PAYLOAD) throw new SessionError(`A handshake message is at most ${MAX_HANDSHAKE_PAYLOAD} bytes.`);
      this.#send(MessageType.HANDSHAKE, to, payload);
    });
  }

  /** Bytes handed to the socket that have not gone out yet: how far our uplink is behind. */
  get bufferedAmount() {
    return this.#ws?.bufferedAmount ?? 0;
  }

  /** The keyholder lets a waiting participant in (the "Admit" button). */
  admit(id) {
    return this.#enqueue(async () => {
      if (!this.keyholder) throw new SessionError('Only the person holding the key can let people in.');
      await this.#keyholder.admit(id);
    });
  }

  /** Resolves once everything queued before it (messages that arrived, our own actions) has been handled. */
  settled() {
    return this.#enqueue(async () => {});
  }

  /** Says goodbye to the relay and forgets every key. */
  leave() {
    if (this.#closed) return;
    this.#leaving = true;
    if (this.#ws === null) {
      this.#ended(RelayStatus.NORMAL.closeCode, 'left'); // no socket yet (or connect() failed): nothing to say goodbye to
      return;
    }
    if (this.#you !== null && this.#ws.readyState === 1) this.#send(MessageType.LEAVE, 0, new Uint8Array(0));
    else this.#ws?.close(RelayStatus.NORMAL.closeCode, 'left');
  }

  /** Display name of a participant, as the roster said (or from our own record once they left). */
  nameOf(id) {
    return this.roster.present.get(id)?.name ?? `Participant ${id}`;
  }

  // ---- the queue -------------------------------------------------------------------------

  #enqueue(task, incoming = false, media = null) {
    if (incoming && this.#queued >= MAX_QUEUED) {
      this.#drop('queue-full');
      media?.ack();
      return Promise.resolve();
    }
    this.#queued++;
    const run = this.#queue.then(() => (this.#closed && incoming ? undefined : task()));
    this.#queue = run.catch(() => {}).finally(() => { this.#queued--; });
    if (!incoming) return run;
    return run.catch((failed) => {
      // a bug of ours, not the peer's: count it and keep the session going
      this.#drop('internal');
      console.warn('session: message handling failed', failed);
    });
  }

  #drop(reason) {
    this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + 1);
    this.#emit('change');
  }

  // ---- receiving ---------------------------------------------------------------------------

  /**
   * README §12: every MEDIA we receive is acknowledged once we are done with it — by the viewer once
   * decoded (the content event's `ack`), or here when it goes no further — so that the relay sees a
   * slow decoder as it sees a slow link. Null for anything else.
   */
  #mediaReceipt(data) {
    if (!(data instanceof ArrayBuffer) || data.byteLength < 2 || new Uint8Array(data, 1, 1)[0] !== MessageType.MEDIA) return null;
    let acked = false;
    const receipt = {
      handedOver: false,
      ack: () => {
        if (acked) return;
        acked = true;
        this.#mediaFinished(data.byteLength);
      },
    };
    return receipt;
  }

  // README §12: at most one MEDIA_ACK per ACK_EVERY_MS, counting everything finished so far. One per
  // message would be one per voice frame of every speaker — ten speakers are 500 a second, above the
  // relay's rate for a sender. The next message sends a due one at once, even while a timer waits:
  // in a background tab the browser delays timers by a second or a minute, messages not. A timer sends the last.
  #mediaFinished(bytes) {
    this.#mediaDone += bytes;
    const wait = this.#lastMediaAckAt + ACK_EVERY_MS - performance.now();
    if (wait <= 0) {
      this.#sendMediaAck();
      return;
    }
    if (this.#mediaAckTimer === null) this.#mediaAckTimer = setTimeout(() => this.#sendMediaAck(), wait);
  }

  #sendMediaAck() {
    clearTimeout(this.#mediaAckTimer);
    this.#mediaAckTimer = null;
    this.#lastMediaAckAt = performance.now();
    const count = new Uint8Array(MEDIA_ACK_PAYLOAD);
    new DataView(count.buffer).setBigUint64(0, BigInt(this.#mediaDone));
    if (!this.#closed) this.#send(MessageType.MEDIA_ACK, 0, count);
  }

  async #receive(data, media = null) {
    try {
      await this.#receiveEnvelope(data, media);
    } finally {
      if (media !== null && !media.handedOver) media.ack();
    }
  }

  async #receiveEnvelope(data, media) {
    let envelope;
    try {
      envelope = decodeEnvelope(data);
    } catch {
      this.#drop('malformed');
      return;
    }
    const { type, sender } = envelope;
    if (type === MessageType.ROSTER || type === MessageType.ERROR) {
      if (sender !== 0) return this.#drop('forged-control');
      const body = this.#json(envelope.payload);
      if (body === null) return this.#drop('malformed');
      return type === MessageType.ROSTER ? this.#roster(body) : this.#error(body);
    }
    if (type === MessageType.JOIN || type === MessageType.LEAVE) return this.#drop('unexpected-type');
    if (this.#you === null || sender === 0 || sender === this.#you || !this.roster.present.has(sender)) {
      return this.#drop('unknown-sender');
    }
    if (envelope.recipient !== 0 && envelope.recipient !== this.#you) return this.#drop('misrouted');
    // before the key-related types: a handshake says nothing about whether a session is running
    if (type === MessageType.HANDSHAKE) return this.#handshake(sender, envelope.payload);
    this.#sessionSeen = true;
    switch (type) {
      case MessageType.ADMIT:
        return this.#admitted(sender);
      case MessageType.KEY:
        return this.#key(sender, envelope.payload);
      case MessageType.DATA:
        return this.#data(sender, envelope.recipient, envelope.payload);
      case MessageType.MEDIA: // README §12: the mark byte is the relay's; the rest opens as DATA
        return this.#data(sender, envelope.recipient, envelope.payload.subarray(1), media);
      default:
        return this.#drop('unexpected-type');
    }
  }

  #handshake(sender, payload) {
    const message = this.#json(payload);
    if (message === null) return this.#drop('malformed');
    this.dispatchEvent(new CustomEvent('handshake', { detail: { from: sender, message } }));
    return undefined;
  }

  #json(payload) {
    try {
      const body = JSON.parse(decoder.decode(payload));
      return body !== null && typeof body === 'object' && !Array.isArray(body) ? body : null;
    } catch {
      return null;
    }
  }

  async #roster(body) {
    if ((body.type === 'snapshot') !== (this.#you === null)) return this.#drop('unexpected-roster');
    if (body.type === 'snapshot') return this.#snapshot(body);
    if (body.type === 'joined') {
      const p = participantFrom(body.participant);
      if (p === null || p.id === this.#you || this.roster.present.has(p.id)) return this.#drop('malformed');
      // an id back after it left, or someone else's key: a server re-announcing a member to take its place
      const sameKey = [...this.roster.present.values()].some((q) => constantTimeEqual(q.publicKey, p.publicKey));
      if (this.#everPresent.has(p.id) || sameKey) return this.#drop('unexpected-roster');
      this.#everPresent.add(p.id);
      this.roster.present.set(p.id, p);
      this.#emit('change');
      if (this.keyholder) await this.#keyholder.welcome(p);
      return undefined;
    }
    if (body.type === 'left') {
      if (!Number.isInteger(body.id) || !this.roster.present.has(body.id) || body.id === this.#you) return this.#drop('malformed');
      const holder = this.keyholder;
      if (this.#admittedBy === body.id && this.roster.members === null) this.#admittedBy = null; // someone else may admit us
      const { wasMember } = this.roster.leave(body.id);
      // README §8: "lost" when the connection ended without a goodbye (a network drop), so a page can say so
      this.dispatchEvent(new CustomEvent('left', { detail: { id: body.id, lost: body.lost === true } }));
      if (wasMember && (holder || this.roster.members?.keyholder === this.#you) && this.#keys.epoch !== null) {
        await this.#keyholder.rotate();
      }
      this.#emit('change');
      return undefined;
    }
    return this.#drop('malformed');
  }

  #snapshot(body) {
    if (!Number.isInteger(body.you) || String(body.meetingId).toLowerCase() !== this.#meetingId || !Array.isArray(body.participants)) {
      return this.#drop('malformed');
    }
    // all or nothing, as in Java: a snapshot with one entry we cannot read is refused whole
    const present = body.participants.map(participantFrom);
    const me = present.find((p) => p !== null && p.id === body.you);
    if (present.includes(null) || me === undefined) return this.#drop('malformed');
    for (const p of present) {
      this.roster.present.set(p.id, p);
      this.#everPresent.add(p.id);
    }
    this.#you = body.you;
    this.#keys = new SessionKeys({ ownId: this.#you });
    this.#keyholder = new Keyholder({
      roster: this.roster, you: this.#you, keys: this.#keys, keyPair: this.#keyPair, sessionId: this.#sessionId, k: this.#k,
    }, {
      isKeyholder: () => this.keyholder,
      send: (type, to, payload) => this.#send(type, to, payload),
      seal: (plaintext) => this.#seal(plaintext),
      graceFor: (epoch) => this.#graceFor(epoch),
      membersKnown: () => this.#membersKnown(),
    });
    if (me.role === 'organizer' && this.roster.present.size === 1) {
      this.#enqueue(() => this.#startIfNoKeyholder()); // alone: no one can be holding keys
    } else if (me.role === 'organizer') {
      this.#later(START_DELAY_MS, () => this.#enqueue(() => this.#startIfNoKeyholder()));
    }
    this.#emit('change');
    return undefined;
  }

  #error(body) {
    if (body.error === RelayStatus.MEDIA_DROPPED.error) {
      // README §12: we fell behind; that sender's media resumes at its next refresh point, so ask for one
      // the stream (README §12, bits 4–5 of the mark): 0, the screen, when the notice names none
      const stream = body.stream ?? 0;
      if (Number.isInteger(body.from) && Number.isInteger(stream) && stream >= 0 && stream <= 3) {
        this.dispatchEvent(new CustomEvent('media-dropped', { detail: { from: body.from, stream } }));
      }
      return;
    }
    const message = typeof body.message === 'string' ? body.message.slice(0, 300) : 'The relay refused a message.';
    this.dispatchEvent(new CustomEvent('notice', { detail: { code: String(body.error ?? ''), message } }));
  }

  // README §8: ADMIT says "you were let in, a key follows"; the first one names who may send that key
  #admitted(sender) {
    if (this.roster.members !== null || (this.#admittedBy !== null && this.#admittedBy !== sender)) return this.#drop('unexpected-admit');
    if (this.#admittedBy === null) {
      this.#admittedBy = sender;
      this.letIn = true;
      this.#emit('change');
    }
    return undefined;
  }

  /**
   * README §8: the only participant we take a KEY from. Before our first members message, who
   * admitted us; after it, the keyholder it names (the roster puts the successor there when the
   * keyholder left).
   */
  #expectedKeyholder() {
    return this.roster.members === null ? this.#admittedBy : this.roster.members.keyholder;
  }

  async #key(sender, payload) {
    if (this.keyholder) return this.#drop('key-while-keyholder');
    if (sender !== this.#expectedKeyholder()) return this.#drop('key-not-from-keyholder');
    let opened;
    try {
      const senderPublicKey = this.roster.present.get(sender).publicKey;
      opened = await openEpochSecret({ sessionId: this.#sessionId, recipientId: this.#you, recipient: this.#keyPair, senderPublicKey, payload });
    } catch {
      return this.#drop('key-does-not-open');
    }
    try {
      if (this.#keys.epoch !== null && opened.epoch <= this.#keys.epoch) return this.#drop('stale-key');
      this.#install(opened.epoch, opened.secret);
      this.#keySender = sender;
    } finally {
      opened.secret.fill(0);
    }
    // README §8: a join's ratchet leaves the members we know holding the key we send in; a fresh
    // epoch means someone left, and they hold the one we know: what we send waits for its members
    const known = this.roster.members;
    this.#sendingHeld = known === null || known.epoch !== opened.epoch - 1 || !(await this.#keys.followsByJoin(opened.epoch));
    await this.#updateCode(); // no code until this epoch's members say who holds it
    this.#emit('change');
    return undefined;
  }

  async #data(sender, recipient, frame, media = null) {
    if (recipient !== 0 && recipient !== this.#you) return this.#drop('misrouted');
    if (this.#keys.epoch === null) return this.#drop('no-key-yet');
    let opened;
    let content;
    try {
      opened = await this.#keys.open(frame, sender);
      content = decodeContent(opened.plaintext);
    } catch (refused) {
      if (!(refused instanceof SFrameError)) return this.#drop('malformed-content');
      return this.#drop(refused.reason === 'malformed' ? 'malformed-frame' : refused.reason);
    }
    // what must never be dropped (members, chat) never travels where the relay may drop it
    if (media !== null && !(content.kind === 'screen' && isMediaKind(content.code))) return this.#drop('malformed-content');
    if (content.kind === 'members') return this.#members(sender, opened.epoch, content);
    if (content.kind === 'screen') {
      // the listener must not throw nor block: it runs inside the queue, in arrival order. Media it
      // takes over it acknowledges with `ack` once decoded or discarded (README §12)
      const detail = { from: sender, to: recipient, kind: content.code, body: content.body };
      if (media !== null) {
        detail.ack = media.ack;
        media.handedOver = true;
      }
      this.dispatchEvent(new CustomEvent('content', { detail }));
      return undefined;
    }
    if (content.kind === 'chat') {
      this.#remember({ from: sender, to: recipient, text: content.text, at: content.sentAt ?? new Date(), own: false });
    }
    return undefined; // README §8: unknown kinds are ignored
  }

  // README §8: members of the current epoch, from the keyholder that gave us its key, naming us; once per epoch
  async #members(sender, sealedEpoch, content) {
    if (this.keyholder) return this.#drop('members-while-keyholder');
    const current = this.roster.members;
    if (content.epoch !== sealedEpoch || content.keyholder !== sender || sender !== this.#keySender
      || content.epoch !== this.#keys.epoch || !content.members.includes(this.#you)) return this.#drop('members-mismatch');
    if (current !== null && current.epoch === content.epoch) {
      const same = current.members.length === content.members.length && current.members.every((m, i) => m === content.members[i]);
      return same ? undefined : this.#drop('members-changed'); // the keyholder's greeting repeats what we know
    }
    this.roster.members = { epoch: content.epoch, keyholder: content.keyholder, members: content.members };
    await this.#membersKnown();
    return undefined;
  }

  // the current epoch's members are known (theirs, or ours as keyholder): what waited for them goes out, the code follows
  async #membersKnown() {
    await this.#flushHeldBack();
    await this.#updateCode();
    this.#emit('change');
  }

  #holdBack(message) {
    const bytes = this.#heldBack.reduce((sum, m) => sum + m.plaintext.length, message.plaintext.length);
    if (this.#heldBack.length >= MAX_HELD_BACK || bytes > MAX_HELD_BACK_BYTES) {
      throw new SessionError('The keys are changing; send it again in a moment.');
    }
    this.#heldBack.push(message);
  }

  // sealed in the epoch whose members just came: the one that waited for them
  async #flushHeldBack() {
    this.#sendingHeld = false;
    const held = this.#heldBack.splice(0);
    for (const { to, plaintext, chat } of held) {
      if (to !== 0 && !this.roster.isMember(to)) continue;
      this.#send(MessageType.DATA, to, await this.#seal(plaintext));
      if (chat) this.#remember({ from: this.#you, to, text: chat.text, at: chat.at, own: true });
    }
  }

  // ---- becoming the keyholder -------------------------------------------------------------

  // README §8: an organizer who heard of no ADMIT, KEY or DATA (no one holds keys here) starts epoch 0 itself
  #startIfNoKeyholder() {
    if (this.#closed || this.#sessionSeen) return undefined;
    return this.#keyholder.start();
  }

  // ---- keys, code, chat --------------------------------------------------------------------

  // README §8: nothing is sealed in an epoch before its members message: we send in the epoch whose members we know
  #seal(plaintext) {
    return this.#keys.sealIn(this.roster.members.epoch, plaintext);
  }

  #install(epoch, secret) {
    this.#keys.install(epoch, secret);
    this.#graceFor(epoch);
  }

  // the previous epoch stops opening GRACE_MS after this one became current (unless another came meanwhile)
  #graceFor(epoch) {
    this.#later(GRACE_MS, () => {
      if (this.#keys?.epoch === epoch) this.#keys.forgetPrevious();
    });
  }

  async #updateCode() {
    const keys = this.roster.memberKeys();
    const next = keys !== null && this.roster.members.epoch === this.#keys.epoch ? await this.#keys.verificationCode(keys) : null;
    if (next === this.code) return;
    this.code = next;
    // previous: the last code shown, so a change still reads as one across the moment without a code
    const previous = this.#lastCode;
    if (next !== null) this.#lastCode = next;
    this.dispatchEvent(new CustomEvent('code', { detail: { code: next, previous, epoch: this.roster.members?.epoch ?? null } }));
  }

  #remember({ from, to, text, at, own }) {
    const entry = {
      seq: ++this.#chatSeq, from, fromName: this.nameOf(from), to, toName: to === 0 ? null : this.nameOf(to), text, at, own,
    };
    this.chat.push(entry);
    if (this.chat.length > MAX_CHAT_KEPT) this.chat.splice(0, this.chat.length - MAX_CHAT_KEPT);
    this.dispatchEvent(new CustomEvent('chat', { detail: entry }));
  }

  // ---- plumbing ----------------------------------------------------------------------------

  #send(type, recipient, payload, sender = this.#you) {
    if (this.#ws === null || this.#ws.readyState !== 1) return;
    this.#ws.send(encodeEnvelope({ type, sender, recipient, payload }));
  }

  #later(ms, action) {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#closed) action();
    }, ms);
    this.#timers.add(timer);
  }

  #ended(code, reason) {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#keys?.forget();
    this.code = null;
    this.dispatchEvent(new CustomEvent('closed', { detail: { code, reason: String(reason ?? ''), byUs: this.#leaving } }));
  }

  #emit(type) {
    this.dispatchEvent(new Event(type));
  }

  // ---- pairwise input authentication (README §9.1, js/protocol/input-auth.js) ----------------

  /** The 16-byte session id (README §4), a copy. */
  get sessionId() {
    return this.#sessionId.slice();
  }

  /**
   * X25519 of our JOIN private key (never extractable) with `peerPublicKey` (32 bytes): the secret
   * of README §9.1's input key. Rejects the all-zero value of a small-order key (RFC 7748 §6.1).
   * @param {Uint8Array} peerPublicKey
   * @returns {Promise<Uint8Array>}
   */
  async agreeWith(peerPublicKey) {
    if (this.#keyPair === null) throw new SessionError('You are not connected.');
    const peer = await crypto.subtle.importKey('raw', peerPublicKey, { name: 'X25519' }, false, []);
    const shared = new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: peer }, this.#keyPair.privateKey, 256));
    if (shared.every((b) => b === 0)) throw new SessionError('That public key gives no shared secret.');
    return shared;
  }

  /**
   * Like sendContent, but the body is made inside the send queue by `bodyFor(epoch)`, for the epoch
   * it is then sealed in (README §9.1: an input event's tag binds that epoch).
   * @param {number} kind
   * @param {(epoch: number) => Promise<Uint8Array>} bodyFor
   * @param {{to?: number}} [options]
   * @returns {Promise<boolean>} whether it went out
   */
  sendContentFor(kind, bodyFor, { to = 0 } = {}) {
    return this.#enqueue(async () => {
      if (!this.admitted || this.#closed) return false;
      if (to !== 0 && (to === this.#you || !this.roster.isMember(to))) return false;
      if (this.#sendingHeld) return false; // input waits for no one: it is sent again by the next move
      // sealed in the epoch whose members we know (README §8), which the body may name
      const epoch = this.roster.members.epoch;
      const plaintext = encodeAppContent(kind, await bodyFor(epoch));
      if (this.#closed || this.roster.members?.epoch !== epoch) return false;
      this.#send(MessageType.DATA, to, await this.#keys.sealIn(epoch, plaintext));
      return true;
    });
  }
}
