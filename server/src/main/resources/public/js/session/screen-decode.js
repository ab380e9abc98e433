/**
 * Decodes one 0x10 screen body of format v2 (protocol README §9, "Screen tiles v2") into a frame
 * buffer: the header, one zlib stream inflated to exactly the length it declares, then the records
 * (RAW, SOLID, PALETTE, COPY, JPEG) applied in order. Pure: no canvas, no DOM, so it runs in the
 * screen worker and in a test page alike.
 *
 * A message is checked whole before a pixel changes (every record's rectangle, payload length and
 * palette index, and every JPEG decoded), so a refused message leaves the frame buffer as it was.
 * Anything malformed throws {@link MalformedScreenError}; the viewer then asks for a keyframe.
 */
import { MAX_SIDE, MalformedScreenError } from './screen-format.js';

export const FLAG_KEYFRAME = 1;
export const FLAG_LAST_PART = 2;
export const FLAG_V2 = 4;
/** Largest inflated record stream a message may declare (32 MiB), refused before inflating. */
export const MAX_INFLATED = 33554432;
/** Largest RAW, PALETTE or JPEG record (256×256). */
export const MAX_RECORD_PIXELS = 65536;
export const RAW = 2;
export const SOLID = 3;
export const PALETTE = 4;
export const COPY = 5;
export const JPEG = 6;
const HEADER = 15;
const RECORD_HEADER = 9;

/**
 * The screen as far as we know it: RGBA, row-major, alpha always 255; `words` views the same
 * pixels one 32-bit word each, for fills and copies.
 */
export class FrameBuffer {
  width = 0;
  height = 0;
  pixels = new Uint8ClampedArray(0);
  words = new Uint32Array(0);

  /** A black screen of `width`×`height` (a new size starts black, SCREEN-V2). */
  reset(width, height) {
    this.width = width;
    this.height = height;
    this.pixels = new Uint8ClampedArray(width * height * 4);
    this.words = new Uint32Array(this.pixels.buffer);
    this.words.fill(rgbWord(0, 0, 0));
  }

  /** The pixels as RGB bytes, row-major (what the conformance vectors hash). */
  rgb() {
    const out = new Uint8Array(this.width * this.height * 3);
    for (let i = 0, j = 0; j < out.length; i += 4, j += 3) {
      out[j] = this.pixels[i];
      out[j + 1] = this.pixels[i + 1];
      out[j + 2] = this.pixels[i + 2];
    }
    return out;
  }
}

// one opaque pixel as the 32-bit word that lays out R, G, B, A in memory on this machine
const packer = new Uint8Array(4);
const packed = new Uint32Array(packer.buffer);
function rgbWord(r, g, b) {
  packer[0] = r;
  packer[1] = g;
  packer[2] = b;
  packer[3] = 255;
  return packed[0];
}

/**
 * The header of a v2 0x10 body: `{width, height, frame, keyframe, last, recordCount, inflatedLength, stream}`.
 * Refuses v1 bodies, unknown flags and a declared length over {@link MAX_INFLATED}.
 * @param {Uint8Array} body
 */
export function parseHeader(body) {
  if (body.length < HEADER) throw new MalformedScreenError(`screen header: ${body.length} bytes, needs ${HEADER}`);
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const width = v.getUint16(0);
  const height = v.getUint16(2);
  if (width < 1 || width > MAX_SIDE || height < 1 || height > MAX_SIDE) {
    throw new MalformedScreenError(`screen size must be 1–${MAX_SIDE} a side, got ${width}×${height}`);
  }
  const flags = v.getUint8(8);
  if ((flags & FLAG_V2) === 0) throw new MalformedScreenError('screen body without the V2 flag (v1 is not supported)');
  if ((flags & 0xf8) !== 0) throw new MalformedScreenError(`screen body: unknown flags 0x${flags.toString(16)}`);
  const inflatedLength = v.getUint32(11);
  if (inflatedLength > MAX_INFLATED) throw new MalformedScreenError(`screen body: inflatedLength ${inflatedLength} > ${MAX_INFLATED}`);
  return {
    width, height, frame: v.getUint32(4), keyframe: (flags & FLAG_KEYFRAME) !== 0, last: (flags & FLAG_LAST_PART) !== 0,
    recordCount: v.getUint16(9), inflatedLength, stream: body.subarray(HEADER),
  };
}

/**
 * The zlib stream (RFC 1950) inflated, refusing anything but exactly `expected` bytes: inflating
 * stops as soon as more would come, so a small body cannot make us inflate a bomb.
 * @param {Uint8Array} stream
 * @param {number} expected
 */
export async function inflateExactly(stream, expected) {
  const reader = new Blob([stream]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const out = new Uint8Array(expected);
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.length > expected - length) {
        reader.cancel().catch(() => {});
        throw new MalformedScreenError(`screen body inflates to more than its ${expected} bytes`);
      }
      out.set(value, length);
      length += value.length;
    }
  } catch (failed) {
    // DecompressionStream says TypeError for a bad or truncated stream, or bytes after its end
    if (failed instanceof TypeError) throw new MalformedScreenError(`screen body: bad zlib stream (${failed.message})`);
    throw failed;
  }
  if (length !== expected) throw new MalformedScreenError(`screen body inflates to ${length} bytes, declares ${expected}`);
  return out;
}

/**
 * Decodes one v2 body into `buffer` (resetting it to black at a new screen size). Returns the header,
 * `dirty`: the rectangle `{x, y, w, h}` covering every record (null for a message without records),
 * and `rects`: each record's rectangle (objects with x, y, w, h), in order.
 * @param {Uint8Array} body
 * @param {FrameBuffer} buffer
 */
export async function decodeScreen(body, buffer) {
  const header = parseHeader(body);
  const inflated = await inflateExactly(header.stream, header.inflatedLength);
  const records = parseRecords(inflated, header);
  await decodeJpegs(inflated, records);
  if (buffer.width !== header.width || buffer.height !== header.height) buffer.reset(header.width, header.height);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (const r of records) {
    apply(inflated, r, buffer);
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.w);
    y1 = Math.max(y1, r.y + r.h);
  }
  return { header, dirty: records.length === 0 ? null : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, rects: records };
}

/** Every record located and checked against the screen; nothing is applied yet. */
function parseRecords(data, { width, height, recordCount }) {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const records = new Array(recordCount);
  let at = 0;
  for (let i = 0; i < recordCount; i++) {
    need(data, at + RECORD_HEADER, i, 'header');
    const x = v.getUint16(at);
    const y = v.getUint16(at + 2);
    const w = v.getUint16(at + 4);
    const h = v.getUint16(at + 6);
    const encoding = v.getUint8(at + 8);
    at += RECORD_HEADER;
    if (w < 1 || h < 1 || x + w > width || y + h > height) {
      throw new MalformedScreenError(`record ${i}: ${w}×${h} at ${x},${y} is not inside ${width}×${height}`);
    }
    const r = { encoding, x, y, w, h, at, n: 0, bits: 0, srcX: 0, srcY: 0, length: 0, image: null };
    switch (encoding) {
      case RAW:
        small(r, i);
        at += w * h * 3;
        break;
      case SOLID:
        at += 3;
        break;
      case PALETTE: {
        small(r, i);
        need(data, at + 1, i, 'palette size');
        r.n = data[at] + 1;
        if (r.n < 2) throw new MalformedScreenError(`record ${i}: a palette needs 2–256 colours, has 1`);
        r.bits = r.n <= 2 ? 1 : r.n <= 4 ? 2 : r.n <= 16 ? 4 : 8;
        at += 1 + r.n * 3;
        r.at = at;
        at += h * Math.ceil((w * r.bits) / 8);
        need(data, at, i, 'palette indices');
        checkIndices(data, r, i);
        break;
      }
      case COPY:
        need(data, at + 4, i, 'copy source');
        r.srcX = v.getUint16(at);
        r.srcY = v.getUint16(at + 2);
        if (r.srcX + w > width || r.srcY + h > height) {
          throw new MalformedScreenError(`record ${i}: copy source ${w}×${h} at ${r.srcX},${r.srcY} is not inside ${width}×${height}`);
        }
        at += 4;
        break;
      case JPEG: {
        small(r, i);
        need(data, at + 4, i, 'JPEG length');
        const length = v.getUint32(at);
        r.at = at + 4;
        r.length = length;
        at += 4 + length;
        break;
      }
      default:
        throw new MalformedScreenError(`record ${i}: unknown encoding ${encoding}`);
    }
    need(data, at, i, 'payload');
    records[i] = r;
  }
  if (at !== data.length) throw new MalformedScreenError(`screen body: ${data.length - at} bytes after the last record`);
  return records;
}

function need(data, end, i, what) {
  if (end > data.length) throw new MalformedScreenError(`record ${i} ${what}: ${data.length} bytes inflated, needs ${end}`);
}

function small({ w, h }, i) {
  if (w * h > MAX_RECORD_PIXELS) throw new MalformedScreenError(`record ${i}: ${w}×${h} is more than ${MAX_RECORD_PIXELS} pixels`);
}

// only a palette whose size is not a power of two can name a colour it lacks
function checkIndices(data, { at, w, h, n, bits }, i) {
  if (n === 1 << bits) return;
  const rowBytes = Math.ceil((w * bits) / 8);
  const mask = (1 << bits) - 1;
  for (let row = 0; row < h; row++) {
    let p = at + row * rowBytes;
    for (let col = 0, shift = 8 - bits; col < w; col++) {
      if (((data[p] >> shift) & mask) >= n) throw new MalformedScreenError(`record ${i}: palette index ≥ ${n}`);
      if (shift === 0) {
        shift = 8 - bits;
        p++;
      } else {
        shift -= bits;
      }
    }
  }
}

/** Each JPEG record decoded to its RGBA pixels (checked to be exactly w×h) before anything is applied. */
async function decodeJpegs(data, records) {
  const jpegs = records.filter((r) => r.encoding === JPEG);
  if (jpegs.length === 0) return;
  const bitmaps = await Promise.allSettled(jpegs.map((r) => createImageBitmap(new Blob([data.subarray(r.at, r.at + r.length)], { type: 'image/jpeg' }),
    { colorSpaceConversion: 'none', premultiplyAlpha: 'none' })));
  try {
    bitmaps.forEach((result, k) => {
      const r = jpegs[k];
      if (result.status === 'rejected') throw new MalformedScreenError(`record at ${r.x},${r.y}: not a JPEG this browser decodes`);
      if (result.value.width !== r.w || result.value.height !== r.h) {
        throw new MalformedScreenError(`record at ${r.x},${r.y}: JPEG is ${result.value.width}×${result.value.height}, the record ${r.w}×${r.h}`);
      }
      r.image = readPixels(result.value);
    });
  } finally {
    for (const result of bitmaps) if (result.status === 'fulfilled') result.value.close();
  }
}

let scratch = null;
function readPixels(bitmap) {
  if (scratch === null) scratch = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d', { willReadFrequently: true });
  if (scratch.canvas.width < bitmap.width || scratch.canvas.height < bitmap.height) {
    scratch.canvas.width = Math.max(scratch.canvas.width, bitmap.width);
    scratch.canvas.height = Math.max(scratch.canvas.height, bitmap.height);
  }
  scratch.drawImage(bitmap, 0, 0);
  return scratch.getImageData(0, 0, bitmap.width, bitmap.height).data;
}

function apply(data, r, buffer) {
  switch (r.encoding) {
    case RAW: return raw(data, r, buffer);
    case SOLID: return solid(data, r, buffer);
    case PALETTE: return palette(data, r, buffer);
    case COPY: return copy(r, buffer);
    default: return jpeg(r, buffer);
  }
}

function raw(data, { at, x, y, w, h }, { pixels, width }) {
  let s = at;
  for (let row = 0; row < h; row++) {
    let d = ((y + row) * width + x) * 4;
    for (const end = d + w * 4; d < end; d += 4, s += 3) {
      pixels[d] = data[s];
      pixels[d + 1] = data[s + 1];
      pixels[d + 2] = data[s + 2];
    }
  }
}

function solid(data, { at, x, y, w, h }, { words, width }) {
  const word = rgbWord(data[at], data[at + 1], data[at + 2]);
  for (let row = y; row < y + h; row++) words.fill(word, row * width + x, row * width + x + w);
}

const colours = new Uint32Array(256);
function palette(data, { at, x, y, w, h, n, bits }, { words, width }) {
  for (let k = 0, p = at - n * 3; k < n; k++, p += 3) colours[k] = rgbWord(data[p], data[p + 1], data[p + 2]);
  const rowBytes = Math.ceil((w * bits) / 8);
  const mask = (1 << bits) - 1;
  for (let row = 0; row < h; row++) {
    let s = at + row * rowBytes;
    let d = (y + row) * width + x;
    const end = d + w;
    if (bits === 8) {
      for (; d < end; d++, s++) words[d] = colours[data[s]];
      continue;
    }
    while (d < end) {
      const byte = data[s++];
      for (let shift = 8 - bits; shift >= 0 && d < end; shift -= bits) words[d++] = colours[(byte >> shift) & mask];
    }
  }
}

// SCREEN-V2: as if through a temporary; rows run away from the overlap, copyWithin is a memmove
function copy({ x, y, w, h, srcX, srcY }, { words, width }) {
  const down = y > srcY;
  for (let k = 0; k < h; k++) {
    const row = down ? h - 1 - k : k;
    const from = (srcY + row) * width + srcX;
    words.copyWithin((y + row) * width + x, from, from + w);
  }
}

function jpeg({ x, y, w, h, image }, { pixels, width }) {
  for (let row = 0; row < h; row++) pixels.set(image.subarray(row * w * 4, (row + 1) * w * 4), ((y + row) * width + x) * 4);
}
