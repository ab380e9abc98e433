/**
 * A participant's key fingerprint (protocol README §8), the twin of Java's
 * org.parley.protocol.keys.KeyFingerprint: the first 8 bytes of
 * SHA-256("parley/1 fingerprint" || publicKey) over the 32-byte X25519 JOIN public key, shown as
 * four groups of four lowercase hex digits ("3f2a 9c01 77d4 e5b0"). A person compares it to say
 * "this key is the person I expect": names, roles and ids are the server's word, a key is not.
 */
import { concat, toHex, utf8 } from './bytes.js';

const LABEL = utf8('parley/1 fingerprint');

/**
 * @param {Uint8Array} publicKey 32 bytes
 * @returns {Promise<string>} e.g. "3f2a 9c01 77d4 e5b0"
 */
export async function keyFingerprint(publicKey) {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new TypeError('a public key is 32 bytes');
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', concat(LABEL, publicKey)));
  return toHex(digest.subarray(0, 8)).match(/.{4}/g).join(' ');
}
