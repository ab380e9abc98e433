/**
 * Input events authenticated between controller and presenter alone (README §9.1). Every member of
 * an epoch can derive every sender's SFrame key, so SFrame says only "a member sent this"; an input
 * event also carries a tag under a key that only the controller and the presenter can compute, from
 * their JOIN X25519 keys:
 *
 *   inputKey = HKDF-SHA256(salt = "parley/1 input", ikm = X25519(sk_self, pk_peer),
 *     info = "parley/1 input" || sessionId || u16(presenterId) || u16(controllerId) || pk_presenter || pk_controller, 32)
 *   0x11 body = u64(seq) || HMAC-SHA256(inputKey, "parley/1 input event" || u64(epoch) || u64(seq) || json) || json
 *
 * where `epoch` is the epoch of the frame the body is sealed in and `seq` grows by one per event
 * under one input key (from 1), across grants. WebCrypto only; our private key never leaves it.
 */
import { concat, u16, u64, utf8 } from './bytes.js';
import { hmac, expand, extract } from './hkdf.js';

/** Bytes before the JSON in a 0x11 body: u64 seq and the 32-byte tag. */
export const INPUT_HEADER_LENGTH = 8 + 32;
const INPUT_KIND = 0x11;
const LABEL = utf8('parley/1 input');
const EVENT_LABEL = utf8('parley/1 input event');

/**
 * The 32-byte input key of README §9.1, from the X25519 secret of the two JOIN keys.
 * @param {{shared: Uint8Array, sessionId: Uint8Array, presenterId: number, controllerId: number,
 *   presenterPublicKey: Uint8Array, controllerPublicKey: Uint8Array}} pair
 * @returns {Promise<Uint8Array>}
 */
export async function deriveInputKey({ shared, sessionId, presenterId, controllerId, presenterPublicKey, controllerPublicKey }) {
  if (presenterId === controllerId) throw new RangeError(`presenter and controller must differ, both are ${presenterId}`);
  if (presenterPublicKey.length !== 32 || controllerPublicKey.length !== 32 || sessionId.length !== 16) {
    throw new RangeError('public keys are 32 bytes and the session id 16');
  }
  const info = concat(LABEL, sessionId, u16(presenterId), u16(controllerId), presenterPublicKey, controllerPublicKey);
  return expand('SHA-256', await extract('SHA-256', LABEL, shared), info, 32);
}

/**
 * The 0x11 body (after the kind byte) for one event, to be sealed in `epoch`.
 * @param {Uint8Array} inputKey
 * @param {number} epoch
 * @param {number} seq 1 to 2^53 − 1
 * @param {Uint8Array} json the event's UTF-8 JSON
 * @returns {Promise<Uint8Array>}
 */
export async function authenticateInput(inputKey, epoch, seq, json) {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`seq must be a positive safe integer, got ${seq}`);
  const tag = await hmac('SHA-256', inputKey, concat(EVENT_LABEL, u64(epoch), u64(seq), json));
  return concat(u64(seq), tag, json);
}

// session → "presenterId:presenter key hex" → {key: Promise<Uint8Array>, seq}; forgotten with the session
const pairs = new WeakMap();

/**
 * Sends one input event to `presenterId` through `session`, tagged with our input key for the pair
 * and the epoch the session seals it in. Sequence numbers are taken inside the session's send queue,
 * so they leave in the order of the calls.
 * @param {import('../session/session.js').Session} session (or a view of it with the same members:
 *   roster, you, publicKey, sessionId, agreeWith, sendContentFor)
 * @param {number} presenterId
 * @param {Uint8Array} json
 * @returns {Promise<boolean>} whether it went out
 */
export async function sendInput(session, presenterId, json) {
  // nothing is awaited before sendContentFor, so calls reach the session's queue in their order
  const presenter = session.roster.present.get(presenterId);
  const you = session.you;
  if (presenter === undefined || you === null || session.publicKey === null) return false;
  let forSession = pairs.get(session);
  if (forSession === undefined) pairs.set(session, (forSession = new Map()));
  const name = presenterId + ':' + Array.from(presenter.publicKey, (b) => b.toString(16).padStart(2, '0')).join('');
  let pair = forSession.get(name);
  if (pair === undefined) {
    const key = session.agreeWith(presenter.publicKey).then((shared) => deriveInputKey({
      shared, sessionId: session.sessionId, presenterId, controllerId: you,
      presenterPublicKey: presenter.publicKey, controllerPublicKey: session.publicKey,
    }));
    pair = { key, seq: 0 };
    forSession.set(name, pair);
  }
  return session.sendContentFor(INPUT_KIND, async (epoch) => {
    pair.seq += 1;
    return authenticateInput(await pair.key, epoch, pair.seq, json);
  }, { to: presenterId });
}
