/**
 * The bodies of the voice, webcam and recording kinds (protocol README §9a), after the kind byte.
 * Integers are big-endian. Parsing checks every length and field, so a member sending nonsense gets
 * a thrown {@link MalformedMediaError}, never an oversized allocation or a wrong state on screen.
 */
import { utf8 } from '../../protocol/bytes.js';
import { MediaMark, MediaStream, mediaMark } from '../../protocol/envelope.js';

export const MediaKind = Object.freeze({
  AUDIO: 0x20, CAMERA: 0x21, STATE: 0x22, MUTE_REQUEST: 0x23, CAMERA_KEY_REQUEST: 0x24, RECORDING: 0x25,
});

export const Layer = Object.freeze({ LOW: 0, HIGH: 1 });

/** The mark of one camera chunk (README §12): refresh point, droppable or discardable, in its layer's stream. */
export function cameraMark({ key, discardable, layer }) {
  const stream = layer === Layer.HIGH ? MediaStream.CAMERA_HIGH : MediaStream.CAMERA_LOW;
  return mediaMark(stream, key ? MediaMark.REFRESH_POINT : discardable ? MediaMark.DROPPABLE | MediaMark.DISCARDABLE : MediaMark.DROPPABLE);
}

/** RFC 6716: an Opus packet is at most 1275 bytes (one 20 ms frame is far smaller). */
export const MAX_OPUS_BYTES = 1275;
const AUDIO_HEADER = 12;
const CAMERA_FIXED = 12; // flags, layer, timestamp, codec length; then codec, width, height
const MAX_SIDE = 1920;
const CODEC = /^[A-Za-z0-9.-]{1,64}$/;
const ascii = new TextDecoder('ascii');
const text = new TextDecoder('utf-8', { fatal: true });
const MIC_STATES = new Set(['on', 'muted', 'off']);

/** A voice, webcam or recording body that is not what its kind promises. */
export class MalformedMediaError extends Error {
  constructor(message) {
    super(message);
    this.name = 'MalformedMediaError';
  }
}

function view(body) {
  return new DataView(body.buffer, body.byteOffset, body.byteLength);
}

function json(body, what) {
  let value;
  try {
    value = JSON.parse(text.decode(body));
  } catch {
    throw new MalformedMediaError(`${what}: not UTF-8 JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MalformedMediaError(`${what}: not an object`);
  return value;
}

/**
 * A 0x20 body.
 * @param {{seq: number, timestamp: number, packet: Uint8Array}} frame seq 1…2^32-1, timestamp in µs
 */
export function encodeAudio({ seq, timestamp, packet }) {
  if (packet.length > MAX_OPUS_BYTES) throw new RangeError(`an Opus packet is at most ${MAX_OPUS_BYTES} bytes, got ${packet.length}`);
  const body = new Uint8Array(AUDIO_HEADER + packet.length);
  const v = view(body);
  v.setUint32(0, seq >>> 0);
  v.setBigUint64(4, BigInt(Math.max(0, Math.round(timestamp))));
  body.set(packet, AUDIO_HEADER);
  return body;
}

/** A 0x20 body: `{seq, timestamp (µs), packet}`. */
export function parseAudio(body) {
  if (body.length < AUDIO_HEADER) throw new MalformedMediaError(`audio: ${body.length} bytes, needs ${AUDIO_HEADER}`);
  const packet = body.subarray(AUDIO_HEADER);
  if (packet.length > MAX_OPUS_BYTES) throw new MalformedMediaError(`audio: a packet of ${packet.length} bytes`);
  const v = view(body);
  return { seq: v.getUint32(0), timestamp: Number(v.getBigUint64(4)), packet };
}

/**
 * A 0x21 body.
 * @param {{key: boolean, discardable: boolean, layer: number, timestamp: number, codec: string, width: number,
 *   height: number, chunk: EncodedVideoChunk}} c
 */
export function encodeCameraChunk({ key, discardable, layer, timestamp, codec, width, height, chunk }) {
  const codecBytes = utf8(codec);
  const head = CAMERA_FIXED + codecBytes.length + 4;
  const body = new Uint8Array(head + chunk.byteLength);
  const v = view(body);
  v.setUint8(0, (key ? 1 : 0) | (discardable ? 2 : 0));
  v.setUint8(1, layer);
  v.setBigUint64(2, BigInt(Math.max(0, Math.round(timestamp))));
  v.setUint16(10, codecBytes.length);
  body.set(codecBytes, 12);
  v.setUint16(12 + codecBytes.length, width);
  v.setUint16(14 + codecBytes.length, height);
  chunk.copyTo(body.subarray(head));
  return body;
}

/** A 0x21 body: `{key, discardable, layer, timestamp, codec, width, height, data}`. */
export function parseCameraChunk(body) {
  if (body.length < CAMERA_FIXED) throw new MalformedMediaError(`camera: ${body.length} bytes, needs ${CAMERA_FIXED}`);
  const v = view(body);
  const flags = v.getUint8(0);
  const layer = v.getUint8(1);
  if (layer !== Layer.LOW && layer !== Layer.HIGH) throw new MalformedMediaError(`camera: layer ${layer}`);
  const timestamp = Number(v.getBigUint64(2));
  const codecLength = v.getUint16(10);
  const end = 12 + codecLength + 4;
  if (end > body.length) throw new MalformedMediaError(`camera: ${body.length} bytes, needs ${end}`);
  const codec = ascii.decode(body.subarray(12, 12 + codecLength));
  if (!CODEC.test(codec)) throw new MalformedMediaError('camera: bad codec string');
  const width = v.getUint16(12 + codecLength);
  const height = v.getUint16(14 + codecLength);
  if (width < 2 || height < 2 || width > MAX_SIDE || height > MAX_SIDE) throw new MalformedMediaError(`camera: size ${width}×${height}`);
  if (end === body.length) throw new MalformedMediaError('camera: no chunk');
  return { key: (flags & 1) !== 0, discardable: (flags & 2) !== 0, layer, timestamp, codec, width, height, data: body.subarray(end) };
}

/** A 0x22 body: `{mic: 'on'|'muted'|'off', camera: boolean}`. */
export function encodeState({ mic, camera }) {
  return utf8(JSON.stringify({ mic, camera }));
}

export function parseState(body) {
  const { mic, camera } = json(body, 'media state');
  if (!MIC_STATES.has(mic)) throw new MalformedMediaError('media state: bad mic');
  if (typeof camera !== 'boolean') throw new MalformedMediaError('media state: bad camera');
  return { mic, camera };
}

/** A 0x24 body: the layer whose key chunk the receiver needs. */
export function encodeKeyRequest(layer) {
  return Uint8Array.of(layer);
}

export function parseKeyRequest(body) {
  if (body.length !== 1 || (body[0] !== Layer.LOW && body[0] !== Layer.HIGH)) throw new MalformedMediaError('camera key request: bad layer');
  return body[0];
}

/** A 0x25 body. */
export function encodeRecording(recording) {
  return utf8(JSON.stringify({ recording }));
}

export function parseRecording(body) {
  const { recording } = json(body, 'recording state');
  if (typeof recording !== 'boolean') throw new MalformedMediaError('recording state: bad value');
  return recording;
}
