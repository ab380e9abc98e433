/**
 * The bodies of the screen-sharing content kinds (protocol README §9), after the kind byte:
 * 0x11 input events, 0x12 control grant, 0x13 keyframe request, 0x14 video chunks (0x10 screen
 * tiles: screen-decode.js). Integers are big-endian. Parsing checks every length against the
 * body, so a member sending nonsense gets a thrown {@link MalformedScreenError}, never an
 * oversized allocation.
 */
import { utf8 } from '../protocol/bytes.js';

export const ScreenKind = Object.freeze({
  TILES: 0x10, INPUT: 0x11, GRANT: 0x12, KEYFRAME_REQUEST: 0x13, VIDEO: 0x14, STOPPED: 0x17, MONITORS: 0x18, SHOW_MONITOR: 0x19,
});
/** Largest screen side we accept (8K), so a peer cannot make us allocate gigabytes. */
export const MAX_SIDE = 8192;
const CODEC = /^[A-Za-z0-9.-]{1,64}$/;
const ascii = new TextDecoder('ascii');
const text = new TextDecoder('utf-8', { fatal: true });

/** A screen-sharing body that is not what its kind promises. */
export class MalformedScreenError extends Error {
  constructor(message) {
    super(message);
    this.name = 'MalformedScreenError';
  }
}

/** A JSON body (0x12, 0x18), or MalformedScreenError saying which kind was not UTF-8 JSON. */
function json(body, what) {
  try {
    return JSON.parse(text.decode(body));
  } catch {
    throw new MalformedScreenError(`${what}: not UTF-8 JSON`);
  }
}

function view(body) {
  return new DataView(body.buffer, body.byteOffset, body.byteLength);
}

function need(body, end, what) {
  if (end > body.length) throw new MalformedScreenError(`${what}: ${body.length} bytes, needs ${end}`);
}

function side(value, what) {
  if (value < 1 || value > MAX_SIDE) throw new MalformedScreenError(`${what} must be 1–${MAX_SIDE}, got ${value}`);
  return value;
}

/** 0x14 flags: a key chunk; a chunk of a temporal enhancement layer, which nothing depends on. */
export const VIDEO_KEY = 1;
export const VIDEO_DISCARDABLE = 2;

/**
 * A 0x14 body: `{key, discardable, timestamp (µs), codec, width, height, data}`.
 * @param {Uint8Array} body
 */
export function parseVideoChunk(body) {
  need(body, 11, 'video header');
  const v = view(body);
  const flags = v.getUint8(0);
  const key = (flags & VIDEO_KEY) !== 0;
  const discardable = !key && (flags & VIDEO_DISCARDABLE) !== 0;
  const timestamp = Number(v.getBigUint64(1));
  const codecLength = v.getUint16(9);
  need(body, 11 + codecLength + 4, 'video codec and size');
  const codec = ascii.decode(body.subarray(11, 11 + codecLength));
  if (!CODEC.test(codec)) throw new MalformedScreenError('video: bad codec string');
  const width = side(v.getUint16(11 + codecLength), 'video width');
  const height = side(v.getUint16(13 + codecLength), 'video height');
  const data = body.subarray(15 + codecLength);
  if (data.length === 0) throw new MalformedScreenError('video: empty chunk');
  return { key, discardable, timestamp, codec, width, height, data };
}

/**
 * The 0x14 body for one encoded chunk.
 * @param {{key: boolean, discardable?: boolean, timestamp: number, codec: string, width: number, height: number, chunk: EncodedVideoChunk}} c
 */
export function encodeVideoChunk({ key, discardable = false, timestamp, codec, width, height, chunk }) {
  const name = utf8(codec);
  const body = new Uint8Array(15 + name.length + chunk.byteLength);
  const v = view(body);
  v.setUint8(0, key ? VIDEO_KEY : discardable ? VIDEO_DISCARDABLE : 0);
  v.setBigUint64(1, BigInt(Math.max(0, Math.round(timestamp))));
  v.setUint16(9, name.length);
  body.set(name, 11);
  v.setUint16(11 + name.length, width);
  v.setUint16(13 + name.length, height);
  chunk.copyTo(body.subarray(15 + name.length));
  return body;
}

/**
 * A 0x12 body: the participant id in control, or null when control was revoked.
 * @param {Uint8Array} body
 * @returns {number|null}
 */
export function parseGrant(body) {
  const grant = json(body, 'grant');
  const controller = grant?.controller;
  if (controller === null) return null;
  if (!Number.isInteger(controller) || controller < 1 || controller > 0xffff) throw new MalformedScreenError('grant: bad controller');
  return controller;
}

/** A 0x11 body for one input event (README §9: move, down, up, wheel, key, text, clipboard). */
export function encodeInput(event) {
  return utf8(JSON.stringify(event));
}

const MAX_MONITORS = 16;

/**
 * A 0x18 body (README §9): `{monitors: [{x, y, w, h}], shown}`, shown a monitor's index or -1 (all).
 * @param {Uint8Array} body
 */
export function parseMonitors(body) {
  const message = json(body, 'monitors');
  const list = message?.monitors;
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_MONITORS) throw new MalformedScreenError('monitors: bad list');
  const monitors = list.map((m) => {
    const { x, y, w, h } = m ?? {};
    if (![x, y].every((v) => Number.isInteger(v) && Math.abs(v) <= 65535) || ![w, h].every((v) => Number.isInteger(v) && v >= 1 && v <= MAX_SIDE)) {
      throw new MalformedScreenError('monitors: bad monitor');
    }
    return { x, y, w, h };
  });
  const shown = message.shown;
  if (!Number.isInteger(shown) || shown < -1 || shown >= monitors.length) throw new MalformedScreenError('monitors: bad shown');
  return { monitors, shown };
}

/** A 0x19 body: show monitor `index` (0-based), or all of them (-1). */
export function encodeShowMonitor(index) {
  return utf8(JSON.stringify({ monitor: index }));
}
