/**
 * What a DATA frame's plaintext says (protocol README §8): one kind byte, then the content.
 * Decoding checks every field, so what reaches the page is exactly what the spec allows and a
 * member sending nonsense costs the others nothing but a dropped message.
 */
import { concat, utf8 } from '../protocol/bytes.js';

/** The kind byte of a DATA plaintext. */
export const Kind = Object.freeze({ MEMBERS: 0x01, CHAT: 0x02 });
/**
 * Kinds 0x10–0x3f belong to the application, passed on undecoded to whoever handles them: screen
 * sharing and control (README §9, 0x10–0x1f), voice, webcams and recording (§9a, 0x20–0x2f), support
 * tools (§9b, 0x30–0x3f: system information; the rest reserved).
 */
export const FIRST_APP_KIND = 0x10;
export const LAST_MEDIA_ROOM_KIND = 0x2f;
export const LAST_APP_KIND = 0x3f;
export const FIRST_SCREEN_KIND = 0x10;
export const LAST_SCREEN_KIND = 0x1f;
/** README §9a: the two voice and webcam kinds that travel as MEDIA. */
export const AUDIO_FRAME_KIND = 0x20;
export const CAMERA_CHUNK_KIND = 0x21;

/**
 * README §8: whether a MEDIA may carry `code` — screen content, audio frames and camera chunks,
 * which a later refresh point replaces or which are stale once late. Everything else (members,
 * chat, media state, requests) never travels where the relay may drop it.
 * @param {number} code
 * @returns {boolean}
 */
export const isMediaKind = (code) => (code >= FIRST_SCREEN_KIND && code <= LAST_SCREEN_KIND)
  || code === AUDIO_FRAME_KIND || code === CAMERA_CHUNK_KIND;
/** Longest chat text, in UTF-16 code units (what both JavaScript and Java call a string's length). */
export const MAX_CHAT_LENGTH = 4000;
const MAX_ID = 0xffff;
const EPOCH_LIMIT = 2 ** 47;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A DATA plaintext that is not what its kind byte promises. */
export class MalformedContentError extends Error {
  constructor(message) {
    super(message);
    this.name = 'MalformedContentError';
  }
}

const isId = (v) => Number.isInteger(v) && v >= 1 && v <= MAX_ID;

/**
 * The `members` plaintext: the participants holding `secret[epoch]`, sorted.
 * @param {{epoch: number, keyholder: number, members: number[]}} members
 * @returns {Uint8Array}
 */
export function encodeMembers({ epoch, keyholder, members }) {
  const sorted = [...members].sort((a, b) => a - b);
  return concat(Uint8Array.of(Kind.MEMBERS), utf8(JSON.stringify({ epoch, keyholder, members: sorted })));
}

/**
 * The chat plaintext.
 * @param {string} text 1 to {@link MAX_CHAT_LENGTH} characters
 * @param {Date} [now]
 * @returns {Uint8Array}
 */
export function encodeChat(text, now = new Date()) {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_CHAT_LENGTH) {
    throw new RangeError(`a chat message is 1–${MAX_CHAT_LENGTH} characters, got ${text?.length}`);
  }
  return concat(Uint8Array.of(Kind.CHAT), utf8(JSON.stringify({ text, sentAt: now.toISOString() })));
}

/**
 * The plaintext of an application content kind: the kind byte, then its body.
 * @param {number} code 0x10–0x3f
 * @param {Uint8Array} body
 * @returns {Uint8Array}
 */
export function encodeAppContent(code, body) {
  if (!Number.isInteger(code) || code < FIRST_APP_KIND || code > LAST_APP_KIND) throw new RangeError(`not an application content kind: ${code}`);
  return concat(Uint8Array.of(code), body);
}


/**
 * What a DATA plaintext holds: `{kind: 'members', epoch, keyholder, members}`,
 * `{kind: 'chat', text, sentAt}`, `{kind: 'screen', code, body}` for every application kind
 * (0x10–0x3f, body undecoded; `media: true` for the voice and webcam kinds 0x20–0x2f, README §9a)
 * or `{kind: 'unknown', code}` (ignored by the spec's rule).
 * @param {Uint8Array} plaintext
 * @returns {object}
 * @throws {MalformedContentError}
 */
export function decodeContent(plaintext) {
  if (plaintext.length < 1) throw new MalformedContentError('empty plaintext');
  const code = plaintext[0];
  if (code >= FIRST_SCREEN_KIND && code <= LAST_SCREEN_KIND) return { kind: 'screen', code, body: plaintext.subarray(1) };
  if (code > LAST_SCREEN_KIND && code <= LAST_MEDIA_ROOM_KIND) return { kind: 'screen', code, body: plaintext.subarray(1), media: true };
  if (code > LAST_MEDIA_ROOM_KIND && code <= LAST_APP_KIND) return { kind: 'screen', code, body: plaintext.subarray(1) };
  if (code !== Kind.MEMBERS && code !== Kind.CHAT) return { kind: 'unknown', code };
  let body;
  try {
    body = JSON.parse(decoder.decode(plaintext.subarray(1)));
  } catch {
    throw new MalformedContentError(`kind ${code}: not UTF-8 JSON`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new MalformedContentError(`kind ${code}: not an object`);
  return code === Kind.MEMBERS ? members(body) : chat(body);
}

function members(body) {
  const { epoch, keyholder } = body;
  if (!Number.isSafeInteger(epoch) || epoch < 0 || epoch >= EPOCH_LIMIT) throw new MalformedContentError('members: bad epoch');
  if (!isId(keyholder)) throw new MalformedContentError('members: bad keyholder');
  if (!Array.isArray(body.members) || body.members.length === 0 || body.members.length > MAX_ID || !body.members.every(isId)) {
    throw new MalformedContentError('members: bad member list');
  }
  const list = [...new Set(body.members)].sort((a, b) => a - b);
  if (list.length !== body.members.length) throw new MalformedContentError('members: duplicate ids');
  if (!list.includes(keyholder)) throw new MalformedContentError('members: the keyholder is not a member');
  return { kind: 'members', epoch, keyholder, members: list };
}

function chat(body) {
  const { text, sentAt } = body;
  if (typeof text !== 'string' || text.length > MAX_CHAT_LENGTH) throw new MalformedContentError('chat: bad text');
  if (typeof sentAt !== 'string' || sentAt.length > 40) throw new MalformedContentError('chat: bad sentAt');
  const at = new Date(sentAt);
  return { kind: 'chat', text, sentAt: Number.isNaN(at.getTime()) ? null : at };
}
