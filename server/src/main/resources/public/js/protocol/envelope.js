/**
 * The envelope (protocol README §1): the clear header the relay routes by, one per WebSocket
 * binary message. Decoding is strict — wrong version, unknown type, a length that disagrees with
 * the message or trailing bytes all refuse — so a hostile peer cannot make two readers disagree.
 */

/** Message types (README §1). */
export const MessageType = Object.freeze({
  JOIN: 1, ROSTER: 2, ADMIT: 3, KEY: 4, DATA: 5, LEAVE: 6, ERROR: 7, HANDSHAKE: 8, MEDIA: 9, MEDIA_ACK: 10,
});

/**
 * README §12 "Media flow control": the clear mark byte that opens a MEDIA payload, read by the relay
 * to drop well for a receiver that is behind. It says nothing of the content. DISCARDABLE (with
 * DROPPABLE): nothing depends on it (a temporal enhancement layer), so dropping it opens no gap.
 * AUDIO: a voice frame (README §9a), sent ahead of other media within a per-sender allowance.
 * Bits 4–5 name the sender's stream (MediaStream), whose gaps are independent.
 */
export const MediaMark = Object.freeze({ REFRESH_POINT: 1, DROPPABLE: 2, DISCARDABLE: 4, AUDIO: 8 });

/** README §12: the stream in bits 4–5 of a mark (3 is reserved). */
export const MediaStream = Object.freeze({ SCREEN: 0, CAMERA_LOW: 1, CAMERA_HIGH: 2 });

/**
 * The mark a sender writes: `flags` (MediaMark bits) for stream `stream`.
 * @param {number} stream 0–3 (MediaStream)
 * @param {number} flags 0–15
 * @returns {number}
 */
export function mediaMark(stream, flags) {
  if (!Number.isInteger(stream) || stream < 0 || stream > 3 || !Number.isInteger(flags) || (flags & ~0xf) !== 0) {
    throw new RangeError(`a mark has a stream 0–3 and flags 0–15, got ${stream} and ${flags}`);
  }
  return (stream << 4) | flags;
}

/** The stream a mark names (bits 4–5). */
export const markStream = (mark) => (mark >> 4) & 3;

/** Bytes before the payload. */
export const HEADER_LENGTH = 14;
/** The relay's standard payload limit (RelayLimits.standard: 1 MiB). */
export const MAX_PAYLOAD = 1 << 20;
/** README §1/§8: a HANDSHAKE (clear JSON before any key) is at most 4 KiB. */
export const MAX_HANDSHAKE_PAYLOAD = 4096;
const VERSION = 1;
const TYPES = new Set(Object.values(MessageType));
const UINT32_END = 2 ** 32;
// README §1: these name one recipient; 0 (everyone) is malformed
const TO_ONE = new Set([MessageType.KEY, MessageType.HANDSHAKE]);

/** README §12: a MEDIA_ACK payload is one u64, the media bytes its sender has finished with. */
export const MEDIA_ACK_PAYLOAD = 8;

function limitOf(type) {
  if (type === MessageType.MEDIA_ACK) return MEDIA_ACK_PAYLOAD;
  return type === MessageType.HANDSHAKE ? MAX_HANDSHAKE_PAYLOAD : MAX_PAYLOAD;
}

// README §1/§12: a MEDIA needs its mark byte, a MEDIA_ACK its whole count
function minimumOf(type) {
  if (type === MessageType.MEDIA_ACK) return MEDIA_ACK_PAYLOAD;
  return type === MessageType.MEDIA ? 1 : 0;
}

/** A message that is not exactly one well-formed envelope. */
export class MalformedEnvelopeError extends Error {
  constructor(message) {
    super(message);
    this.name = 'MalformedEnvelopeError';
  }
}

function checkId(name, value) {
  if (!Number.isInteger(value) || value < 0 || value >= UINT32_END) {
    throw new RangeError(`${name} must be a uint32, got ${value}`);
  }
}

/**
 * One envelope as bytes.
 * @param {{type: number, sender: number, recipient: number, payload?: Uint8Array}} envelope
 * @returns {Uint8Array}
 */
export function encodeEnvelope({ type, sender, recipient, payload = new Uint8Array(0) }) {
  if (!TYPES.has(type)) throw new RangeError(`unknown message type ${type}`);
  checkId('sender', sender);
  checkId('recipient', recipient);
  if (TO_ONE.has(type) && recipient === 0) throw new RangeError(`a type ${type} envelope needs one recipient, got 0`);
  if (payload.length > limitOf(type)) throw new RangeError(`payload of ${payload.length} bytes is over ${limitOf(type)}`);
  if (payload.length < minimumOf(type)) throw new RangeError(`a type ${type} payload needs at least ${minimumOf(type)} bytes`);
  const out = new Uint8Array(HEADER_LENGTH + payload.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, VERSION);
  view.setUint8(1, type);
  view.setUint32(2, sender);
  view.setUint32(6, recipient);
  view.setUint32(10, payload.length);
  out.set(payload, HEADER_LENGTH);
  return out;
}

/**
 * The envelope in one binary message; the payload is a view into `bytes`.
 * @param {ArrayBuffer|Uint8Array} bytes
 * @returns {{type: number, sender: number, recipient: number, payload: Uint8Array}}
 * @throws {MalformedEnvelopeError}
 */
export function decodeEnvelope(bytes) {
  const data = bytes instanceof Uint8Array ? bytes : bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : null;
  if (data === null) throw new MalformedEnvelopeError('not a binary message');
  if (data.length < HEADER_LENGTH) throw new MalformedEnvelopeError(`truncated header: ${data.length} of ${HEADER_LENGTH} bytes`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const version = view.getUint8(0);
  if (version !== VERSION) throw new MalformedEnvelopeError(`unsupported version ${version}`);
  const type = view.getUint8(1);
  if (!TYPES.has(type)) throw new MalformedEnvelopeError(`unknown message type ${type}`);
  if (TO_ONE.has(type) && view.getUint32(6) === 0) throw new MalformedEnvelopeError(`type ${type} addressed to everyone`);
  const length = view.getUint32(10);
  if (length > limitOf(type)) throw new MalformedEnvelopeError(`payload length ${length} is over ${limitOf(type)}`);
  if (length < minimumOf(type)) throw new MalformedEnvelopeError(`a type ${type} payload of ${length} bytes, needs ${minimumOf(type)}`);
  if (length !== data.length - HEADER_LENGTH) {
    throw new MalformedEnvelopeError(`payload length ${length} but ${data.length - HEADER_LENGTH} bytes follow`);
  }
  return {
    type,
    sender: view.getUint32(2),
    recipient: view.getUint32(6),
    payload: data.subarray(HEADER_LENGTH),
  };
}
