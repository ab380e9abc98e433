/**
 * Parley's key schedule (protocol README §2–6): epoch secrets and their ratchet, the per-sender
 * SFrame base key and KID, KEY payloads (HPKE-sealed epoch secrets bound to session, epoch and
 * recipient), the invitation's admission proof and the verification code.
 * All derivations are HKDF-SHA256 / HMAC-SHA256 except where the SFrame suite says otherwise.
 */
import { concat, constantTimeEqual, fromBase64Url, fromHex, readUint, u16, u64, utf8 } from './bytes.js';
import { hkdf, hmac } from './hkdf.js';
import { HpkeError, openAuth, sealAuth } from './hpke.js';
import { SFrameKey, suiteParameters } from './sframe.js';

/** Bytes of an epoch secret, of a session id and of an X25519 public key. */
export const SECRET_LENGTH = 32;
export const SESSION_ID_LENGTH = 16;
export const PUBLIC_KEY_LENGTH = 32;
/** Epochs are 0 ≤ epoch < 2^47 (README §2), so a KID fits 63 bits. */
export const EPOCH_LIMIT = 2 ** 47;
/** Participant ids are 1–65535 (README §1), the low 16 bits of a KID. */
export const MAX_PARTICIPANT_ID = 0xffff;
const ENC_LENGTH = 32;
const SEALED_SECRET_LENGTH = SECRET_LENGTH + 16;
/** Bytes of a KEY payload: u64(epoch) || enc (32) || ciphertext (48). */
export const KEY_PAYLOAD_LENGTH = 8 + ENC_LENGTH + SEALED_SECRET_LENGTH;

/** A KEY payload that is malformed or does not open for this recipient, session and epoch. */
export class KeyDeliveryError extends Error {
  constructor(message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'KeyDeliveryError';
  }
}

function checkEpoch(epoch) {
  if (!Number.isSafeInteger(epoch) || epoch < 0 || epoch >= EPOCH_LIMIT) {
    throw new RangeError(`epoch must be an integer 0 to 2^47-1, got ${epoch}`);
  }
}

function checkParticipant(name, id) {
  if (!Number.isInteger(id) || id < 1 || id > MAX_PARTICIPANT_ID) {
    throw new RangeError(`${name} must be a participant id 1–65535, got ${id}`);
  }
}

function checkLength(name, bytes, length) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new RangeError(`${name} must be ${length} bytes, got ${bytes?.length}`);
  }
}

/**
 * 32 random bytes: epoch 0, or the next epoch after a leave or removal (README §2).
 * @returns {Uint8Array}
 */
export function freshEpochSecret() {
  return crypto.getRandomValues(new Uint8Array(SECRET_LENGTH));
}

/**
 * The join ratchet (README §2):
 * `secret[e+1] = HKDF-Expand(HKDF-Extract("parley/1 ratchet", secret[e]), "parley/1 join" || u64(e+1), 32)`.
 * @param {Uint8Array} secret secret[e]
 * @param {number} nextEpoch e+1
 * @returns {Promise<Uint8Array>} secret[e+1]
 */
export function ratchet(secret, nextEpoch) {
  checkLength('epoch secret', secret, SECRET_LENGTH);
  checkEpoch(nextEpoch);
  if (nextEpoch < 1) throw new RangeError('the ratchet makes epoch 1 or later');
  return hkdf('SHA-256', utf8('parley/1 ratchet'), secret, concat(utf8('parley/1 join'), u64(nextEpoch)), SECRET_LENGTH);
}

/**
 * KID = epoch · 65536 + senderId (README §3).
 * @param {number} epoch
 * @param {number} senderId
 * @returns {bigint}
 */
export function kidOf(epoch, senderId) {
  checkEpoch(epoch);
  checkParticipant('sender id', senderId);
  return (BigInt(epoch) << 16n) | BigInt(senderId);
}

/**
 * The epoch and sender id a KID names; any KID splits, the caller decides whether it is known.
 * @param {bigint} kid
 * @returns {{epoch: number, senderId: number}}
 */
export function splitKid(kid) {
  return { epoch: Number(kid >> 16n), senderId: Number(kid & 0xffffn) };
}

/**
 * A sender's SFrame base_key (README §3), always HKDF-SHA256, Nh bytes of the suite:
 * `HKDF-Expand(HKDF-Extract("parley/1 sender", secret[epoch]), "parley/1 sender" || u64(epoch) || u16(senderId), Nh)`.
 * @param {number} suite 0x0004 or 0x0005
 * @param {Uint8Array} secret
 * @param {number} epoch
 * @param {number} senderId
 * @returns {Promise<Uint8Array>}
 */
export function senderBaseKey(suite, secret, epoch, senderId) {
  const { nh } = suiteParameters(suite);
  checkLength('epoch secret', secret, SECRET_LENGTH);
  checkEpoch(epoch);
  checkParticipant('sender id', senderId);
  const label = utf8('parley/1 sender');
  return hkdf('SHA-256', label, secret, concat(label, u64(epoch), u16(senderId)), nh);
}

/**
 * The SFrame key (with its replay window) of one sender in one epoch.
 * @param {number} suite
 * @param {Uint8Array} secret
 * @param {number} epoch
 * @param {number} senderId
 * @returns {Promise<SFrameKey>}
 */
export async function senderKey(suite, secret, epoch, senderId) {
  const baseKey = await senderBaseKey(suite, secret, epoch, senderId);
  try {
    return await SFrameKey.derive(suite, kidOf(epoch, senderId), baseKey);
  } finally {
    baseKey.fill(0);
  }
}

/**
 * The 16 bytes of a meeting UUID ("0f1e…-…"), the session id of README §4–5.
 * @param {string} uuid
 * @returns {Uint8Array}
 */
export function sessionIdFromUuid(uuid) {
  if (typeof uuid !== 'string' || !/^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/.test(uuid)) {
    throw new RangeError(`not a UUID: "${String(uuid).slice(0, 40)}"`);
  }
  return fromHex(uuid.replace(/-/g, ''));
}

/**
 * The HPKE info of a KEY payload (README §4):
 * `"parley/1 epoch" || sessionId (16) || u64(epoch) || u16(recipientId) || recipientPublicKey (32)`.
 * @param {Uint8Array} sessionId
 * @param {number} epoch
 * @param {number} recipientId
 * @param {Uint8Array} recipientPublicKey
 * @returns {Uint8Array}
 */
export function keyInfo(sessionId, epoch, recipientId, recipientPublicKey) {
  checkLength('session id', sessionId, SESSION_ID_LENGTH);
  checkEpoch(epoch);
  checkParticipant('recipient id', recipientId);
  checkLength('recipient public key', recipientPublicKey, PUBLIC_KEY_LENGTH);
  return concat(utf8('parley/1 epoch'), sessionId, u64(epoch), u16(recipientId), recipientPublicKey);
}

/**
 * Seals an epoch secret to one recipient (README §4), with HPKE auth mode under the keyholder's
 * (our) JOIN key pair: KEY payload = u64(epoch) || enc || ciphertext.
 * @param {{sessionId: Uint8Array, epoch: number, recipientId: number, recipientPublicKey: Uint8Array, secret: Uint8Array,
 *   sender: {privateKey: CryptoKey, publicKey: Uint8Array}}} delivery
 * @param {{privateKey: CryptoKey, publicKey: Uint8Array}} [ephemeral] fixed HPKE ephemeral key (tests only)
 * @returns {Promise<Uint8Array>} the KEY payload, {@link KEY_PAYLOAD_LENGTH} bytes
 */
export async function sealEpochSecret({ sessionId, epoch, recipientId, recipientPublicKey, secret, sender }, ephemeral) {
  checkLength('epoch secret', secret, SECRET_LENGTH);
  checkLength('sender public key', sender?.publicKey, PUBLIC_KEY_LENGTH);
  const info = keyInfo(sessionId, epoch, recipientId, recipientPublicKey);
  const { enc, ciphertext } = await sealAuth(recipientPublicKey, info, new Uint8Array(0), secret, sender, ephemeral);
  return concat(u64(epoch), enc, ciphertext);
}

/**
 * Opens a KEY payload addressed to us (README §4). The epoch comes from the payload and is
 * authenticated through `info`, as are the session, our id and our public key; HPKE auth mode
 * makes it open only as sealed by the holder of `senderPublicKey` (the keyholder's JOIN key).
 * @param {{sessionId: Uint8Array, recipientId: number, recipient: {privateKey: CryptoKey, publicKey: Uint8Array},
 *   senderPublicKey: Uint8Array, payload: Uint8Array}} delivery
 * @returns {Promise<{epoch: number, secret: Uint8Array}>}
 * @throws {KeyDeliveryError} if the payload is malformed or does not open
 */
export async function openEpochSecret({ sessionId, recipientId, recipient, senderPublicKey, payload }) {
  if (!(senderPublicKey instanceof Uint8Array) || senderPublicKey.length !== PUBLIC_KEY_LENGTH) {
    throw new KeyDeliveryError('the sender\'s public key is needed to open a KEY payload');
  }
  if (!(payload instanceof Uint8Array) || payload.length !== KEY_PAYLOAD_LENGTH) {
    throw new KeyDeliveryError(`a KEY payload is ${KEY_PAYLOAD_LENGTH} bytes, got ${payload?.length}`);
  }
  const wideEpoch = readUint(payload, 0, 8);
  if (wideEpoch >= BigInt(EPOCH_LIMIT)) throw new KeyDeliveryError(`epoch ${wideEpoch} is out of range`);
  const epoch = Number(wideEpoch);
  const info = keyInfo(sessionId, epoch, recipientId, recipient.publicKey);
  const enc = payload.subarray(8, 8 + ENC_LENGTH);
  try {
    const secret = await openAuth(enc, recipient, info, new Uint8Array(0), payload.subarray(8 + ENC_LENGTH), senderPublicKey);
    return { epoch, secret };
  } catch (failed) {
    if (failed instanceof HpkeError) throw new KeyDeliveryError(`KEY for epoch ${epoch} does not open`, failed);
    throw failed;
  }
}

/**
 * The key `k` of an invitation link's fragment `#k=<base64url 32 bytes>` (README §5), if any.
 * @param {string} fragment `location.hash`, with or without the leading `#`
 * @returns {Uint8Array|null}
 */
export function admissionKeyFromFragment(fragment) {
  const value = new URLSearchParams(String(fragment).replace(/^#/, '')).get('k');
  if (value === null) return null;
  try {
    const k = fromBase64Url(value);
    return k.length === SECRET_LENGTH ? k : null;
  } catch {
    return null;
  }
}

/**
 * The joiner's admission proof (README §5): `HMAC-SHA256(k, "parley/1 admit" || sessionId || joinerPublicKey)`.
 * @param {Uint8Array} k
 * @param {Uint8Array} sessionId
 * @param {Uint8Array} joinerPublicKey
 * @returns {Promise<Uint8Array>} 32 bytes
 */
export function admissionProof(k, sessionId, joinerPublicKey) {
  checkLength('invitation key', k, SECRET_LENGTH);
  checkLength('session id', sessionId, SESSION_ID_LENGTH);
  checkLength('joiner public key', joinerPublicKey, PUBLIC_KEY_LENGTH);
  return hmac('SHA-256', k, concat(utf8('parley/1 admit'), sessionId, joinerPublicKey));
}

/**
 * Whether `proof` is the admission proof for this joiner, compared in constant time.
 * @param {Uint8Array} k
 * @param {Uint8Array} sessionId
 * @param {Uint8Array} joinerPublicKey
 * @param {Uint8Array} proof
 * @returns {Promise<boolean>}
 */
export async function verifyAdmissionProof(k, sessionId, joinerPublicKey, proof) {
  const expected = await admissionProof(k, sessionId, joinerPublicKey);
  return proof instanceof Uint8Array && constantTimeEqual(expected, proof);
}

function compareBytes(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/**
 * The verification code of an epoch (README §6): 8 bytes
 * `HKDF-Expand(HKDF-Extract("parley/1 verify", secret), "parley/1 verify" || pk_1 || … || pk_n, 8)`
 * over the public keys in unsigned byte order, shown as four groups of `u16 mod 10000`.
 * @param {Uint8Array} secret
 * @param {Uint8Array[]} publicKeys every participant's 32-byte public key, in any order
 * @returns {Promise<string>} e.g. "0421 9983 1207 5530"
 */
export async function verificationCode(secret, publicKeys) {
  checkLength('epoch secret', secret, SECRET_LENGTH);
  publicKeys.forEach((pk) => checkLength('public key', pk, PUBLIC_KEY_LENGTH));
  const sorted = [...publicKeys].sort(compareBytes);
  const label = utf8('parley/1 verify');
  const v = await hkdf('SHA-256', label, secret, concat(label, ...sorted), 8);
  const groups = [];
  for (let i = 0; i < 4; i++) groups.push(String(((v[2 * i] << 8) | v[2 * i + 1]) % 10000).padStart(4, '0'));
  return groups.join(' ');
}
