/**
 * SFrame (RFC 9605) for the AES-GCM cipher suites 0x0004 AES_128_GCM_SHA256_128 and
 * 0x0005 AES_256_GCM_SHA512_128: header encoding (§4.3), key and salt derivation (§4.4.2),
 * encryption and decryption (§4.4.3–4.4.4), and a replay window of 128 counters per KID.
 *
 * open() never lets an exception other than {@link SFrameError} escape: a receive loop handles
 * exactly one error type, whose `reason` says why the frame was refused.
 */
import { EMPTY, concat, copy, readUint, u16, u64, uint, utf8, xor } from './bytes.js';
import { expand, extract } from './hkdf.js';

/** Why open() refused a frame: the `reason` of an {@link SFrameError}. */
export const Refusal = Object.freeze({
  TRUNCATED: 'truncated',
  MALFORMED: 'malformed',
  UNKNOWN_EPOCH: 'unknown-epoch',
  SENDER_MISMATCH: 'sender-mismatch',
  REPLAY: 'replay',
  TOO_OLD: 'too-old',
  BAD_TAG: 'bad-tag',
});

const REASONS = new Set(Object.values(Refusal));

/** A refused frame; `reason` is one of {@link Refusal}. */
export class SFrameError extends Error {
  /**
   * @param {string} reason one of {@link Refusal}
   * @param {string} [message] detail for logs (never contains key material)
   * @param {unknown} [cause]
   */
  constructor(reason, message, cause) {
    super(message ?? reason, cause === undefined ? undefined : { cause });
    if (!REASONS.has(reason)) throw new TypeError(`unknown SFrame refusal "${reason}"`);
    this.name = 'SFrameError';
    this.reason = reason;
  }
}

/** The cipher suites implemented (RFC 9605 §8.1 registry values). */
export const CipherSuite = Object.freeze({
  AES_128_GCM_SHA256_128: 0x0004,
  AES_256_GCM_SHA512_128: 0x0005,
});

// RFC 9605 §4.5: Nh hash length, Nk key length, Nn nonce length, Nt tag length (bytes)
const SUITES = new Map([
  [0x0004, Object.freeze({ id: 0x0004, hash: 'SHA-256', nh: 32, nk: 16, nn: 12, nt: 16 })],
  [0x0005, Object.freeze({ id: 0x0005, hash: 'SHA-512', nh: 64, nk: 32, nn: 12, nt: 16 })],
]);
const MIN_TAG = 16;
const U64_END = 1n << 64n;

/**
 * The parameters of a cipher suite: `{id, hash, nh, nk, nn, nt}`.
 * @param {number} suite 0x0004 or 0x0005
 * @returns {{id:number, hash:string, nh:number, nk:number, nn:number, nt:number}}
 * @throws {RangeError} for any other suite
 */
export function suiteParameters(suite) {
  const parameters = SUITES.get(suite);
  if (!parameters) throw new RangeError(`unsupported SFrame cipher suite ${suite}`);
  return parameters;
}

function checkU64(name, value) {
  const v = typeof value === 'bigint' ? value : Number.isSafeInteger(value) ? BigInt(value) : -1n;
  if (v < 0n || v >= U64_END) throw new RangeError(`${name} must be an integer 0 to 2^64-1, got ${value}`);
  return v;
}

function minimalLength(v) {
  let length = 1;
  while (v >= 1n << BigInt(8 * length)) length++;
  return length;
}

/**
 * The SFrame header for a KID and counter (RFC 9605 §4.3): config byte X|K|Y|C, then the KID
 * and CTR in the fewest big-endian bytes when they do not fit in 3 bits.
 * @param {bigint|number} kid 0 to 2^64-1
 * @param {bigint|number} ctr 0 to 2^64-1
 * @returns {Uint8Array}
 */
export function encodeHeader(kid, ctr) {
  const k = checkU64('KID', kid);
  const c = checkU64('CTR', ctr);
  let config = 0;
  const parts = [];
  if (k < 8n) {
    config |= Number(k) << 4;
  } else {
    const length = minimalLength(k);
    config |= 0x80 | ((length - 1) << 4);
    parts.push(uint(k, length));
  }
  if (c < 8n) {
    config |= Number(c);
  } else {
    const length = minimalLength(c);
    config |= 0x08 | (length - 1);
    parts.push(uint(c, length));
  }
  return concat(Uint8Array.of(config), ...parts);
}

/**
 * Reads the SFrame header at the start of `frame` (RFC 9605 §4.3).
 * @param {Uint8Array} frame
 * @returns {{kid: bigint, ctr: bigint, length: number}} `length` is the header's size in bytes
 * @throws {SFrameError} reason `truncated` if the header runs past the end
 */
export function decodeHeader(frame) {
  if (frame.length < 1) throw new SFrameError(Refusal.TRUNCATED, 'empty frame');
  const config = frame[0];
  let at = 1;
  const field = (extended, value, name) => {
    if (!extended) return BigInt(value);
    const length = value + 1;
    if (at + length > frame.length) {
      throw new SFrameError(Refusal.TRUNCATED, `${name} of ${length} bytes runs past a ${frame.length}-byte frame`);
    }
    const v = readUint(frame, at, length);
    at += length;
    // README §3: only the shortest encoding; a padded field (or one that fits in the config
    // byte) is refused here, as the Java side does, instead of waiting for the tag to fail
    if (v < 8n || (length > 1 && v < (1n << BigInt(8 * (length - 1))))) {
      throw new SFrameError(Refusal.MALFORMED, `${name} ${v} is not in its shortest encoding`);
    }
    return v;
  };
  const kid = field((config & 0x80) !== 0, (config >> 4) & 0x07, 'KID');
  const ctr = field((config & 0x08) !== 0, config & 0x07, 'CTR');
  return { kid, ctr, length: at };
}

/**
 * sframe_secret, sframe_key and sframe_salt for a KID (RFC 9605 §4.4.2), all with the suite's hash:
 * `sframe_secret = HKDF-Extract("", base_key)`,
 * `sframe_key = HKDF-Expand(sframe_secret, "SFrame 1.0 Secret key " || u64(KID) || u16(suite), Nk)`,
 * `sframe_salt = HKDF-Expand(sframe_secret, "SFrame 1.0 Secret salt " || u64(KID) || u16(suite), Nn)`.
 * @param {number} suite
 * @param {bigint|number} kid
 * @param {Uint8Array} baseKey
 * @returns {Promise<{secret: Uint8Array, key: Uint8Array, salt: Uint8Array}>}
 */
export async function deriveKeySalt(suite, kid, baseKey) {
  const s = suiteParameters(suite);
  const id = concat(u64(checkU64('KID', kid)), u16(s.id));
  const secret = await extract(s.hash, EMPTY, baseKey);
  const key = await expand(s.hash, secret, concat(utf8('SFrame 1.0 Secret key '), id), s.nk);
  const salt = await expand(s.hash, secret, concat(utf8('SFrame 1.0 Secret salt '), id), s.nn);
  return { secret, key, salt };
}

/** Counters a receiver remembers per KID: above the highest, new; within 128 below it, once; older, refused. */
export const REPLAY_WINDOW = 128;
const WINDOW_MASK = (1n << BigInt(REPLAY_WINDOW)) - 1n;

/** The replay window of one KID (protocol README §3). */
export class ReplayWindow {
  #highest = -1n;
  #seen = 0n; // bit i set: counter (highest - i) was accepted

  /**
   * Why `ctr` would be refused, or null if it is acceptable now. Does not record it.
   * @param {bigint} ctr
   * @returns {string|null} {@link Refusal.REPLAY}, {@link Refusal.TOO_OLD} or null
   */
  check(ctr) {
    if (ctr > this.#highest) return null;
    const behind = this.#highest - ctr;
    if (behind >= BigInt(REPLAY_WINDOW)) return Refusal.TOO_OLD;
    return (this.#seen >> behind) & 1n ? Refusal.REPLAY : null;
  }

  /**
   * Records `ctr` as received, if acceptable. Call only once the frame authenticated, so a forger
   * cannot move the window.
   * @param {bigint} ctr
   * @returns {string|null} null if recorded, else the refusal reason
   */
  accept(ctr) {
    const refusal = this.check(ctr);
    if (refusal) return refusal;
    if (ctr > this.#highest) {
      const shift = ctr - this.#highest;
      this.#seen = shift >= BigInt(REPLAY_WINDOW) ? 1n : ((this.#seen << shift) | 1n) & WINDOW_MASK;
      this.#highest = ctr;
    } else {
      this.#seen |= 1n << (this.#highest - ctr);
    }
    return null;
  }
}

/** The AEAD key, salt and replay window of one KID: what a sender seals with and a receiver opens with. */
export class SFrameKey {
  #aesKey;
  #salt;

  /** Use {@link SFrameKey.derive}. */
  constructor(suite, kid, aesKey, salt) {
    this.suite = suiteParameters(suite);
    this.kid = checkU64('KID', kid);
    this.#aesKey = aesKey;
    this.#salt = salt;
    this.window = new ReplayWindow();
    Object.freeze(this);
  }

  /**
   * The key for `kid` from its base key (RFC 9605 §4.4.2); the raw key is not extractable.
   * @param {number} suite
   * @param {bigint|number} kid
   * @param {Uint8Array} baseKey
   * @returns {Promise<SFrameKey>}
   */
  static async derive(suite, kid, baseKey) {
    const { key, salt } = await deriveKeySalt(suite, kid, baseKey);
    const aesKey = await crypto.subtle.importKey('raw', key, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
    return new SFrameKey(suite, kid, aesKey, salt);
  }

  /** @internal AES-GCM parameters for one frame: RFC 9605 §4.4.3 nonce = salt XOR CTR. */
  params(ctr, aad) {
    return { name: 'AES-GCM', iv: xor(this.#salt, uint(ctr, this.suite.nn)), additionalData: aad, tagLength: this.suite.nt * 8 };
  }

  /** @internal */
  get aesKey() {
    return this.#aesKey;
  }
}

/**
 * Encrypts one frame (RFC 9605 §4.4.3): header || AEAD(sframe_key, salt XOR CTR, header || metadata, plaintext).
 * The caller owns the counter and must never reuse one with the same key.
 * @param {SFrameKey} key
 * @param {bigint|number} ctr
 * @param {Uint8Array} plaintext
 * @param {Uint8Array} [metadata] authenticated, not sent (empty in Parley v1)
 * @returns {Promise<Uint8Array>} the frame: header || ciphertext || tag
 */
export async function seal(key, ctr, plaintext, metadata = EMPTY) {
  const c = checkU64('CTR', ctr);
  const header = encodeHeader(key.kid, c);
  const ciphertext = await crypto.subtle.encrypt(key.params(c, concat(header, metadata)), key.aesKey, plaintext);
  return concat(header, new Uint8Array(ciphertext));
}

/**
 * Decrypts one frame (RFC 9605 §4.4.4) after checking its KID and counter. Refusals, in order:
 * `truncated` (header or tag cut short), whatever `resolveKey` refuses (`unknown-epoch`,
 * `sender-mismatch`), `too-old` / `replay` (the KID's window), `bad-tag`. The window records a
 * counter only once its frame authenticated. Any other failure counts as `bad-tag`.
 * @param {Uint8Array|ArrayBuffer} frame header || ciphertext || tag
 * @param {(kid: bigint) => (SFrameKey|undefined|Promise<SFrameKey|undefined>)} resolveKey the key for a KID;
 *   may throw an {@link SFrameError}; undefined means `unknown-epoch`
 * @param {Uint8Array} [metadata]
 * @returns {Promise<{kid: bigint, ctr: bigint, plaintext: Uint8Array}>}
 * @throws {SFrameError} and nothing else
 */
export async function open(frame, resolveKey, metadata = EMPTY) {
  try {
    let bytes;
    try {
      bytes = copy(frame);
    } catch (notBytes) {
      throw new SFrameError(Refusal.TRUNCATED, 'frame is not a byte array', notBytes);
    }
    const header = decodeHeader(bytes);
    if (bytes.length < header.length + MIN_TAG) {
      throw new SFrameError(Refusal.TRUNCATED, `frame of ${bytes.length} bytes has no room for a tag`);
    }
    const key = await resolveKey(header.kid);
    if (!key) throw new SFrameError(Refusal.UNKNOWN_EPOCH, `no key for KID ${header.kid}`);
    if (key.kid !== header.kid) throw new SFrameError(Refusal.UNKNOWN_EPOCH, `key for KID ${key.kid} offered for KID ${header.kid}`);
    const early = key.window.check(header.ctr);
    if (early) throw new SFrameError(early, `KID ${header.kid} CTR ${header.ctr}`);
    const aad = concat(bytes.subarray(0, header.length), metadata);
    let plaintext;
    try {
      plaintext = await crypto.subtle.decrypt(key.params(header.ctr, aad), key.aesKey, bytes.subarray(header.length));
    } catch (failed) {
      throw new SFrameError(Refusal.BAD_TAG, `KID ${header.kid} CTR ${header.ctr} does not authenticate`, failed);
    }
    // checked again: another open() of the same counter may have completed while this one decrypted
    const late = key.window.accept(header.ctr);
    if (late) throw new SFrameError(late, `KID ${header.kid} CTR ${header.ctr}`);
    return { kid: header.kid, ctr: header.ctr, plaintext: new Uint8Array(plaintext) };
  } catch (refused) {
    if (refused instanceof SFrameError) throw refused;
    throw new SFrameError(Refusal.BAD_TAG, 'frame could not be decrypted', refused);
  }
}
