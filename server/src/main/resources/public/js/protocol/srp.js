/**
 * The caller's side of the access handshake (protocol README §10): SRP-6a over the RFC 5054
 * 2048-bit group with SHA-256, the same formulas as the agent's Bouncy Castle SRP6Server, with
 * BigInt arithmetic and WebCrypto hashes. The caller proves it knows the machine's access password
 * without sending it, binds the proof to both JOIN public keys (so a relay that swaps a key is
 * caught by the agent), and checks the agent's M2 before trusting anything it sends.
 *
 * Once in, ConfirmedEpochs holds the agent to K: it trusts an epoch of the session only once the
 * agent's epoch-confirm proves its verification code, since a KEY (HPKE base mode) could as well
 * come from the relay.
 *
 * Messages are the parsed JSON objects of HANDSHAKE envelopes. A message the agent got wrong (or a
 * relay forged) throws AccessHandshakeError; the agent's refusal throws AccessRefusedError with the
 * agent's text for the person.
 */
import { concat, constantTimeEqual, fromBase64Url, toBase64Url, u64, utf8 } from './bytes.js';
import { hmac } from './hkdf.js';
import { sessionIdFromUuid } from './keyschedule.js';

/** RFC 5054 Appendix A, the 2048-bit group, g = 2; H = SHA-256 (README §10). */
export const GROUP_2048 = Object.freeze({
  N: BigInt('0x'
    + 'ac6bdb41324a9a9bf166de5e1389582faf72b6651987ee07fc3192943db56050a37329cbb4a099ed8193e0757767a13dd52312ab4b03310d'
    + 'cd7f48a9da04fd50e8083969edb767b0cf6095179a163ab3661a05fbd5faaae82918a9962f0b93b855f97993ec975eeaa80d740adbf4ff74'
    + '7359d041d5c33ea71d281e446b14773bca97b43a23fb801676bd207a436c6481f1d2b9078717461a5b9d32e688f87748544523b524b0d57d'
    + '5ea77a2775d2ecfa032cfbdbf52fb3786160279004e57ae6af874e7303ce53299ccc041c7bc308d82a5698f3a8d0c38271ae35f8e9dbfbb6'
    + '94b5c803d89f7ae435de236d525f54759b65e372fcd68ef20fa7111f9e4aff73'),
  g: 2n,
  hash: 'SHA-256',
});

const SALT_LENGTH = 32;
const HASH_LENGTH = 32;
const PUBLIC_KEY_LENGTH = 32;
const MAX_REFUSAL_TEXT = 500;
const REASONS = new Set(['password', 'locked', 'paused', 'busy', 'tampered']);
const BIND_LABEL = utf8('parley/1 access');
const CONFIRM_LABEL = utf8('parley/1 epoch confirm');
const EPOCH_LIMIT = 2 ** 47;
// a relay can announce epochs at will; an honest agent has one or two outstanding at a time
const MAX_UNCONFIRMED = 16;

/** README §10: how long an epoch may stay unconfirmed before the caller ends the connection. */
export const CONFIRM_WAIT_MS = 5000;
/** What the caller tells the person when it ends the connection for an epoch the agent did not prove. */
export const UNPROVEN = 'The computer could not prove the connection’s keys; disconnected for your safety.';

/** A handshake message from the agent that does not follow README §10, or one out of turn. */
export class AccessHandshakeError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AccessHandshakeError';
  }
}

/** The agent refused: `reason` is README §10's word ('password', 'locked', …), `message` its text for the person. */
export class AccessRefusedError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = 'AccessRefusedError';
    this.reason = reason;
  }
}

/**
 * base^exponent mod modulus by square-and-multiply, for non-negative BigInts (modulus > 1).
 * @param {bigint} base
 * @param {bigint} exponent
 * @param {bigint} modulus
 * @returns {bigint}
 */
export function modPow(base, exponent, modulus) {
  let result = 1n;
  let square = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

function lengthOf(N) {
  return Math.ceil(N.toString(16).length / 2);
}

function toNumber(bytes) {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

// PAD() of RFC 5054 §2.6: unsigned big-endian, left-padded with zeros to `length` bytes
function pad(n, length) {
  const out = new Uint8Array(length);
  let v = n;
  for (let i = length - 1; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

async function digest(hash, ...parts) {
  return new Uint8Array(await crypto.subtle.digest(hash, concat(...parts)));
}

/**
 * Every value the caller computes (README §10 with Bouncy Castle's formulas), for any group and
 * hash. Exposed so the RFC 5054 Appendix B vectors (1024-bit group, SHA-1) can check it; the
 * handshake itself only ever uses GROUP_2048.
 * @param {{group: {N: bigint, g: bigint, hash: string}, identity: string, password: string,
 *   salt: Uint8Array, a: bigint, B: bigint}} inputs the password is used as given (no NFC here)
 * @returns {Promise<{k: bigint, x: bigint, v: bigint, A: bigint, u: bigint, S: bigint,
 *   M1: Uint8Array, M2: Uint8Array, K: Uint8Array}>}
 */
export async function callerValues({ group, identity, password, salt, a, B }) {
  const { N, g, hash } = group;
  const length = lengthOf(N);
  const H = (...parts) => digest(hash, ...parts);
  const k = toNumber(await H(pad(N, length), pad(g, length)));
  const x = toNumber(await H(salt, await H(utf8(`${identity}:`), utf8(password))));
  const v = modPow(g, x, N);
  const A = modPow(g, a, N);
  const u = toNumber(await H(pad(A, length), pad(B, length)));
  const S = modPow(B - ((k * v) % N), a + u * x, N);
  const M1 = await H(pad(A, length), pad(B, length), pad(S, length));
  // M1 is padded to the length of N like every other term (Bouncy Castle's SRP6Util.calculateM2)
  const M2 = await H(pad(A, length), pad(toNumber(M1), length), pad(S, length));
  const K = await H(pad(S, length));
  return { k, x, v, A, u, S, M1, M2, K };
}

function randomPrivateValue() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  bytes[0] |= 0x80; // at least 2^255, as Bouncy Castle chooses (RFC 5054 §2.5: a of 256 bits or more)
  return toNumber(bytes);
}

function requireMessage(message, ...types) {
  if (message === null || typeof message !== 'object' || Array.isArray(message) || typeof message.t !== 'string') {
    throw new AccessHandshakeError('a handshake message must be a JSON object with a "t"');
  }
  if (message.t === 'refused') {
    const { reason, message: text } = message;
    if (typeof reason !== 'string' || !REASONS.has(reason)) throw new AccessHandshakeError(`unknown refusal reason "${String(reason).slice(0, 40)}"`);
    if (typeof text !== 'string' || text.length > MAX_REFUSAL_TEXT) throw new AccessHandshakeError('a refusal needs a message of at most 500 characters');
    throw new AccessRefusedError(reason, text);
  }
  if (!types.includes(message.t)) throw new AccessHandshakeError(`expected ${types.join(' or ')} or refused, got ${String(message.t).slice(0, 40)}`);
}

// only the canonical unpadded spelling of exactly `length` bytes, as the Java reader accepts
function binary(message, field, length) {
  const text = message[field];
  let bytes = null;
  if (typeof text === 'string' && /^[A-Za-z0-9_-]*$/.test(text)) {
    try {
      bytes = fromBase64Url(text);
    } catch {
      bytes = null;
    }
  }
  if (bytes === null || toBase64Url(bytes) !== text) throw new AccessHandshakeError(`"${field}" is not unpadded canonical base64url`);
  if (bytes.length !== length) throw new AccessHandshakeError(`"${field}" must be ${length} bytes, got ${bytes.length}`);
  return bytes;
}

function requireKey(whose, key) {
  if (!(key instanceof Uint8Array) || key.length !== PUBLIC_KEY_LENGTH) {
    throw new TypeError(`the ${whose}'s JOIN public key must be ${PUBLIC_KEY_LENGTH} bytes`);
  }
}

/**
 * One attempt to reach a machine with its access password: start() → evidence() → confirm().
 * A new password needs a new instance.
 */
export class AccessCaller {
  #machineId;
  #identity;
  #password;
  #a;
  #A = null;
  #step = 'new';
  #values = null;
  #proven = false;

  /**
   * @param {string} machineId the machine's UUID
   * @param {string} password the access password as typed (normalised to NFC here)
   * @param {bigint} [privateValue] a fixed secret a — only for the test vectors
   */
  constructor(machineId, password, privateValue = randomPrivateValue()) {
    this.#machineId = sessionIdFromUuid(machineId);
    this.#identity = machineId.toLowerCase();
    if (typeof password !== 'string' || password === '') throw new TypeError('an access password must not be empty');
    this.#password = password.normalize('NFC');
    this.#a = privateValue;
  }

  /**
   * Step 1: the message to send the agent.
   * @returns {{t: 'srp-start', A: string}}
   */
  start() {
    this.#expect('new', 'start()');
    this.#A = modPow(GROUP_2048.g, this.#a, GROUP_2048.N);
    this.#step = 'started';
    return { t: 'srp-start', A: toBase64Url(pad(this.#A, lengthOf(GROUP_2048.N))) };
  }

  /**
   * Step 2 → 3: the agent's challenge in, our evidence out. A malformed challenge leaves the
   * attempt where it was.
   * @param {object} challenge the parsed srp-challenge (or refused) message
   * @param {Uint8Array} callerPublicKey our JOIN public key
   * @param {Uint8Array} agentPublicKey the agent's JOIN public key as the roster announced it
   * @returns {Promise<{t: 'srp-evidence', M1: string, bind: string}>}
   * @throws {AccessRefusedError} if the agent refused (locked, paused, busy)
   * @throws {AccessHandshakeError} if the challenge is malformed or its B is 0 mod N
   */
  async evidence(challenge, callerPublicKey, agentPublicKey) {
    this.#expect('started', 'evidence()');
    requireKey('caller', callerPublicKey);
    requireKey('agent', agentPublicKey);
    try {
      requireMessage(challenge, 'srp-challenge');
    } catch (refusedOrMalformed) {
      if (refusedOrMalformed instanceof AccessRefusedError) this.#step = 'done';
      throw refusedOrMalformed;
    }
    const length = lengthOf(GROUP_2048.N);
    const salt = binary(challenge, 'salt', SALT_LENGTH);
    const B = toNumber(binary(challenge, 'B', length));
    // RFC 5054 §2.5.4: B = 0 mod N would make S independent of the password
    if (B >= GROUP_2048.N) throw new AccessHandshakeError('B is not below N');
    if (B === 0n) throw new AccessHandshakeError('B is 0 mod N');
    this.#step = 'computing';
    const values = await callerValues({
      group: GROUP_2048, identity: this.#identity, password: this.#password, salt, a: this.#a, B,
    });
    const bind = await hmac('SHA-256', values.K, concat(BIND_LABEL, this.#machineId, callerPublicKey, agentPublicKey));
    this.#values = values;
    this.#password = null;
    this.#step = 'evidence-sent';
    return { t: 'srp-evidence', M1: toBase64Url(values.M1), bind: toBase64Url(bind) };
  }

  /**
   * Step 4: whether the agent's M2 proves it holds this machine's verifier. On false, trust
   * nothing from that agent (no key, no screen).
   * @param {object} ok the parsed srp-ok (or refused) message
   * @returns {Promise<boolean>}
   * @throws {AccessRefusedError} if the agent refused (password, tampered, locked)
   * @throws {AccessHandshakeError} if the message is malformed
   */
  async confirm(ok) {
    this.#expect('evidence-sent', 'confirm()');
    try {
      requireMessage(ok, 'srp-ok');
    } catch (refusedOrMalformed) {
      if (refusedOrMalformed instanceof AccessRefusedError) this.#step = 'done';
      throw refusedOrMalformed;
    }
    const M2 = binary(ok, 'M2', HASH_LENGTH);
    this.#step = 'done';
    this.#proven = constantTimeEqual(M2, this.#values.M2);
    return this.#proven;
  }

  /** K, once confirm() found M2 right (for {@link ConfirmedEpochs}); null before and after a wrong M2. */
  get sessionKey() {
    return this.#proven ? this.#values.K.slice() : null;
  }

  #expect(step, call) {
    if (this.#step !== step) throw new Error(`${call} called while the handshake is ${this.#step}`);
  }
}

/**
 * The verification code's four groups of digits, each as u16: the 8 bytes the epoch confirmation
 * MACs (README §10). The page only ever sees the code's text, and so computes what the agent does.
 * @param {string} code e.g. "0421 9983 1207 5530"
 * @returns {Uint8Array}
 */
export function codeValue(code) {
  if (typeof code !== 'string' || !/^\d{4} \d{4} \d{4} \d{4}$/.test(code)) {
    throw new TypeError(`a verification code is "dddd dddd dddd dddd", got ${String(code).slice(0, 40)}`);
  }
  const out = new Uint8Array(8);
  code.split(' ').forEach((group, i) => {
    const n = Number(group);
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  });
  return out;
}

/**
 * `HMAC-SHA256(K, "parley/1 epoch confirm" || u64(epoch) || codeValue(code))` (README §10).
 * @param {Uint8Array} K
 * @param {number} epoch
 * @param {string} code
 * @returns {Promise<Uint8Array>}
 */
export function epochConfirmMac(K, epoch, code) {
  return hmac('SHA-256', K, concat(CONFIRM_LABEL, u64(epoch), codeValue(code)));
}

function requireConfirm(message) {
  if (message === null || typeof message !== 'object' || Array.isArray(message) || message.t !== 'epoch-confirm') {
    throw new AccessHandshakeError('expected epoch-confirm');
  }
  const { epoch } = message;
  if (!Number.isSafeInteger(epoch) || epoch < 0 || epoch >= EPOCH_LIMIT) {
    throw new AccessHandshakeError(`"epoch" must be an integer 0–${EPOCH_LIMIT - 1}`);
  }
  return { epoch, mac: binary(message, 'mac', HASH_LENGTH) };
}

/**
 * The caller's trust in the session's epochs after the handshake (README §10): an epoch is trusted
 * only once the agent's epoch-confirm proves its code under K, and only if every epoch before it
 * was; content may be shown and input sent only while every epoch the session may hold is trusted.
 * Tell it of each KEY as it arrives ({@link seen}, before the session can install it), each new
 * code ({@link epochChanged}), K ({@link accepted}) and each confirm. Mirrors the Java
 * `ConfirmedEpochs`.
 */
export class ConfirmedEpochs {
  #now;
  #K = null;
  #keySince = null;
  #unconfirmed = new Set(); // seen arriving, newer than #confirmed
  #codes = new Map(); // epoch → code text, for the unconfirmed epochs
  #unconfirmedSince = null;
  #confirmed = -1;
  #refused = false;
  #checks = Promise.resolve(); // one confirm at a time, in arrival order, whatever WebCrypto's timing

  /** @param {{now?: () => number}} [clock] milliseconds, e.g. performance.now */
  constructor({ now = () => performance.now() } = {}) {
    this.#now = now;
  }

  /** K from the handshake ({@link AccessCaller#sessionKey}); the 5 s wait counts from here. */
  accepted(K) {
    if (this.#K !== null) throw new Error('K is known already: one ConfirmedEpochs per connection');
    if (!(K instanceof Uint8Array) || K.length !== HASH_LENGTH) throw new TypeError('K must be 32 bytes');
    this.#K = K.slice();
    this.#keySince = this.#now();
  }

  /** The session may now hold a secret for `epoch` (a KEY for it arrived): nothing of it is trusted yet. */
  seen(epoch) {
    if (!Number.isSafeInteger(epoch) || epoch <= this.#confirmed || this.#unconfirmed.has(epoch)) return;
    this.#unconfirmed.add(epoch);
    this.#unconfirmedSince ??= this.#now();
    if (this.#unconfirmed.size > MAX_UNCONFIRMED) this.#refused = true;
  }

  /** The session's code for its new epoch (its 'code' event). */
  epochChanged(epoch, code) {
    this.seen(epoch);
    if (epoch > this.#confirmed && typeof code === 'string') this.#codes.set(epoch, code);
  }

  /**
   * The agent's epoch-confirm: whether it proves the oldest epoch still unconfirmed, whose code we
   * know, under K. False (or a throw): end the connection, saying {@link UNPROVEN}.
   * @param {object} message the parsed HANDSHAKE JSON
   * @returns {Promise<boolean>}
   * @throws {AccessHandshakeError} if it is not a valid epoch-confirm
   */
  confirm(message) {
    const check = this.#checks.then(() => this.#check(message));
    this.#checks = check.catch(() => {});
    return check;
  }

  async #check(message) {
    if (this.#K === null) throw new Error('an epoch-confirm needs K: call accepted() first');
    let confirm;
    try {
      confirm = requireConfirm(message);
    } catch (malformed) {
      this.#refused = true;
      throw malformed;
    }
    const { epoch, mac } = confirm;
    const code = this.#codes.get(epoch);
    const expected = code === undefined ? null : await epochConfirmMac(this.#K, epoch, code);
    // checked after the await, against the state as it is now
    const proven = !this.#refused && expected !== null && this.#codes.get(epoch) === code
      && Math.min(...this.#unconfirmed) === epoch && constantTimeEqual(expected, mac);
    if (!proven) {
      this.#refused = true;
      return false;
    }
    this.#confirmed = epoch;
    for (const e of this.#unconfirmed) if (e <= epoch) this.#unconfirmed.delete(e);
    for (const e of this.#codes.keys()) if (e <= epoch) this.#codes.delete(e);
    this.#unconfirmedSince = this.#unconfirmed.size === 0 ? null : this.#now();
    return true;
  }

  /** Whether what the session opens may be shown and input sent: every epoch it may hold is proven. */
  get trusted() {
    return this.#K !== null && !this.#refused && this.#confirmed >= 0 && this.#unconfirmed.size === 0;
  }

  /** The newest epoch the agent proved, or -1. */
  get confirmedEpoch() {
    return this.#confirmed;
  }

  /** Whether to end the connection: a confirm was refused, or an epoch waited longer than {@link CONFIRM_WAIT_MS} since K. */
  overdue() {
    if (this.#refused) return true;
    if (this.#K === null || this.#unconfirmedSince === null) return false;
    return this.#now() - Math.max(this.#unconfirmedSince, this.#keySince) >= CONFIRM_WAIT_MS;
  }
}
