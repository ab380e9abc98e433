/**
 * Byte helpers shared by the protocol modules: hex, UTF-8, concatenation, fixed-width big-endian
 * integers (protocol README: "All integers are big-endian") and a constant-time comparison.
 * Every function takes and returns Uint8Array; nothing here touches keys.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const encoder = new TextEncoder();

/** An empty byte string. */
export const EMPTY = new Uint8Array(0);

/**
 * Lower-case hex of the bytes.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toHex(bytes) {
  let out = '';
  for (const b of bytes) out += HEX[b];
  return out;
}

/**
 * The bytes a hex string spells (either case, even length).
 * @param {string} hex
 * @returns {Uint8Array}
 * @throws {TypeError} on odd length or a non-hex character
 */
export function fromHex(hex) {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new TypeError(`not an even-length hex string: "${String(hex).slice(0, 40)}"`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

/**
 * The bytes of a base64url text (RFC 4648 §5), padding optional.
 * @param {string} text
 * @returns {Uint8Array}
 * @throws {TypeError} if it is not base64url
 */
export function fromBase64Url(text) {
  const bare = typeof text === 'string' ? text.replace(/={1,2}$/, '') : '';
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(bare) || bare.length % 4 === 1) {
    throw new TypeError('not a base64url text');
  }
  const base64 = bare.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * Unpadded base64url (RFC 4648 §5) of the bytes.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toBase64Url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The UTF-8 bytes of a text, without terminator (the README's `"text"`).
 * @param {string} text
 * @returns {Uint8Array}
 */
export function utf8(text) {
  return encoder.encode(text);
}

/**
 * The concatenation `a || b || …` in a new array.
 * @param {...Uint8Array} parts
 * @returns {Uint8Array}
 */
export function concat(...parts) {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * `u16(x)`: two bytes, big-endian.
 * @param {number} value integer 0–65535
 * @returns {Uint8Array}
 */
export function u16(value) {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new RangeError(`u16 must be an integer 0–65535, got ${value}`);
  }
  return Uint8Array.of(value >>> 8, value & 0xff);
}

/**
 * `u64(x)`: eight bytes, big-endian.
 * @param {number|bigint} value integer 0 to 2^64-1 (a number must be a safe integer)
 * @returns {Uint8Array}
 */
export function u64(value) {
  return uint(value, 8);
}

/**
 * A big-endian unsigned integer of exactly `length` bytes (I2OSP of RFC 8017, as RFC 9180 and
 * RFC 9605 use it).
 * @param {number|bigint} value non-negative integer below 256^length
 * @param {number} length
 * @returns {Uint8Array}
 */
export function uint(value, length) {
  let v = toBigInt(value);
  if (v < 0n || v >= 1n << BigInt(8 * length)) {
    throw new RangeError(`${value} does not fit in ${length} unsigned bytes`);
  }
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/**
 * The big-endian unsigned integer in `bytes[offset .. offset+length)`.
 * @param {Uint8Array} bytes
 * @param {number} offset
 * @param {number} length
 * @returns {bigint}
 */
export function readUint(bytes, offset, length) {
  if (offset < 0 || offset + length > bytes.length) {
    throw new RangeError(`cannot read ${length} bytes at ${offset} of ${bytes.length}`);
  }
  let v = 0n;
  for (let i = 0; i < length; i++) v = (v << 8n) | BigInt(bytes[offset + i]);
  return v;
}

/**
 * Whether two byte strings are equal, taking the same time for any contents of a given length,
 * so a MAC comparison does not tell an attacker how many leading bytes it got right.
 * @param {Uint8Array} a
 * @param {Uint8Array} b
 * @returns {boolean}
 */
export function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * `a XOR b` for equal lengths, in a new array.
 * @param {Uint8Array} a
 * @param {Uint8Array} b
 * @returns {Uint8Array}
 */
export function xor(a, b) {
  if (a.length !== b.length) throw new RangeError(`xor of ${a.length} and ${b.length} bytes`);
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

/**
 * A copy of `bytes` as a Uint8Array (accepts ArrayBuffer or any view), so callers may keep or
 * change their input without affecting ours.
 * @param {Uint8Array|ArrayBuffer|ArrayBufferView} bytes
 * @returns {Uint8Array}
 */
export function copy(bytes) {
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes.slice(0));
  if (ArrayBuffer.isView(bytes)) {
    return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  throw new TypeError('expected bytes (Uint8Array or ArrayBuffer)');
}

function toBigInt(value) {
  if (typeof value === 'bigint') return value;
  if (Number.isSafeInteger(value)) return BigInt(value);
  throw new RangeError(`not a safe integer: ${value}`);
}
