/**
 * HMAC and HKDF (RFC 2104, RFC 5869) with SHA-256 or SHA-512 on WebCrypto's HMAC `sign`.
 * WebCrypto's own HKDF fuses Extract and Expand; RFC 9180's labeled extract and RFC 9605's
 * separate expands of one PRK need them apart, so both steps are written out here.
 */
import { EMPTY, concat } from './bytes.js';

/** Output length in bytes of each supported hash (HashLen of RFC 5869). */
export const HASH_LENGTH = Object.freeze({ 'SHA-256': 32, 'SHA-512': 64 });

function hashLength(hash) {
  const length = HASH_LENGTH[hash];
  if (length === undefined) throw new TypeError(`unsupported hash "${hash}"`);
  return length;
}

/**
 * HMAC-`hash`(key, data).
 * @param {'SHA-256'|'SHA-512'} hash
 * @param {Uint8Array} key any length; an empty key equals HashLen zero bytes (RFC 2104 pads keys with zeros)
 * @param {Uint8Array} data
 * @returns {Promise<Uint8Array>}
 */
export async function hmac(hash, key, data) {
  // WebCrypto refuses an empty HMAC key; HMAC pads short keys with zeros, so HashLen zeros is the same key
  const material = key.length === 0 ? new Uint8Array(hashLength(hash)) : key;
  const cryptoKey = await crypto.subtle.importKey('raw', material, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data));
}

/**
 * HKDF-Extract(salt, ikm) (RFC 5869 §2.2): a pseudorandom key of HashLen bytes.
 * @param {'SHA-256'|'SHA-512'} hash
 * @param {Uint8Array} salt empty means HashLen zero bytes
 * @param {Uint8Array} ikm
 * @returns {Promise<Uint8Array>}
 */
export async function extract(hash, salt, ikm) {
  // RFC 5869 §2.2: "if not provided, [salt] is set to a string of HashLen zeros"
  const key = salt.length === 0 ? new Uint8Array(hashLength(hash)) : salt;
  return hmac(hash, key, ikm);
}

/**
 * HKDF-Expand(prk, info, length) (RFC 5869 §2.3).
 * @param {'SHA-256'|'SHA-512'} hash
 * @param {Uint8Array} prk at least HashLen bytes
 * @param {Uint8Array} info
 * @param {number} length 1 to 255·HashLen
 * @returns {Promise<Uint8Array>}
 */
export async function expand(hash, prk, info, length) {
  const n = hashLength(hash);
  if (!Number.isInteger(length) || length <= 0 || length > 255 * n) {
    throw new RangeError(`HKDF output length must be 1–${255 * n}, got ${length}`);
  }
  const key = await crypto.subtle.importKey('raw', prk, { name: 'HMAC', hash }, false, ['sign']);
  const out = new Uint8Array(length);
  let previous = EMPTY;
  for (let i = 1, at = 0; at < length; i++) {
    // T(i) = HMAC(PRK, T(i-1) || info || i)
    previous = new Uint8Array(await crypto.subtle.sign('HMAC', key, concat(previous, info, Uint8Array.of(i))));
    out.set(previous.subarray(0, Math.min(n, length - at)), at);
    at += n;
  }
  return out;
}

/**
 * HKDF-Expand(HKDF-Extract(salt, ikm), info, length): the whole of RFC 5869.
 * @param {'SHA-256'|'SHA-512'} hash
 * @param {Uint8Array} salt
 * @param {Uint8Array} ikm
 * @param {Uint8Array} info
 * @param {number} length
 * @returns {Promise<Uint8Array>}
 */
export async function hkdf(hash, salt, ikm, info, length) {
  return expand(hash, await extract(hash, salt, ikm), info, length);
}
