/**
 * HPKE (RFC 9180), base and auth modes, for the one suite Parley uses: DHKEM(X25519, HKDF-SHA256)
 * 0x0020, HKDF-SHA256 0x0001, AES-128-GCM 0x0001. Composed exactly per RFC 9180 §4–5 from
 * WebCrypto's X25519 deriveBits, HMAC-SHA256 (labeled extract/expand) and AES-GCM. KEY payloads
 * use auth mode (§5.1.3): they open only as sealed by the keyholder's JOIN key.
 *
 * A key pair is `{privateKey: CryptoKey, publicKey: Uint8Array(32)}`; the private key never
 * leaves WebCrypto unless it was imported from raw bytes by the caller.
 */
import { EMPTY, concat, copy, fromBase64Url, u16, uint, utf8, xor } from './bytes.js';
import { expand, extract } from './hkdf.js';

const HASH = 'SHA-256';
const KEM_ID = 0x0020;
const KDF_ID = 0x0001;
const AEAD_ID = 0x0001;
const N_SECRET = 32; // DHKEM(X25519) Nsecret
const N_PK = 32; // Npk = Nenc
const N_K = 16; // AES-128-GCM Nk
const N_N = 12; // Nn
const N_T = 16; // Nt
const N_H = 32; // HKDF-SHA256 Nh
const MODE_BASE = 0x00;
const MODE_AUTH = 0x02;

/** The modes implemented (RFC 9180 §5, Table 1). */
export const Mode = Object.freeze({ BASE: MODE_BASE, AUTH: MODE_AUTH });
const PKCS8_X25519 = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20]);

/** The suite's identifiers (RFC 9180 §7). */
export const Suite = Object.freeze({ KEM: KEM_ID, KDF: KDF_ID, AEAD: AEAD_ID });

/** Bytes of `enc` and of a public key; of the ciphertext overhead (the tag). */
export const Sizes = Object.freeze({ ENC: N_PK, PUBLIC_KEY: N_PK, TAG: N_T });

const KEM_SUITE_ID = concat(utf8('KEM'), u16(KEM_ID)); // RFC 9180 §4.1
const HPKE_SUITE_ID = concat(utf8('HPKE'), u16(KEM_ID), u16(KDF_ID), u16(AEAD_ID)); // RFC 9180 §5.1
const VERSION_LABEL = utf8('HPKE-v1');

/** A failure to decapsulate or to open: wrong key, wrong info or aad, or tampered bytes. */
export class HpkeError extends Error {
  constructor(message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'HpkeError';
  }
}

// RFC 9180 §4: LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" || suite_id || label || ikm)
function labeledExtract(suiteId, salt, label, ikm) {
  return extract(HASH, salt, concat(VERSION_LABEL, suiteId, utf8(label), ikm));
}

// LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info, L)
function labeledExpand(suiteId, prk, label, info, length) {
  return expand(HASH, prk, concat(u16(length), VERSION_LABEL, suiteId, utf8(label), info), length);
}

/**
 * A key pair from a 32-byte raw X25519 private key (RFC 7748 scalar as stored in test vectors).
 * @param {Uint8Array} raw
 * @returns {Promise<{privateKey: CryptoKey, publicKey: Uint8Array}>}
 */
export async function importPrivateKey(raw) {
  if (raw.length !== 32) throw new RangeError(`an X25519 private key is 32 bytes, got ${raw.length}`);
  const pkcs8 = concat(PKCS8_X25519, raw);
  const exportable = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'X25519' }, true, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', exportable);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'X25519' }, false, ['deriveBits']);
  return { privateKey, publicKey: fromBase64Url(jwk.x) };
}

/**
 * A fresh X25519 key pair (RFC 9180 GenerateKeyPair); the private key is not extractable.
 * @returns {Promise<{privateKey: CryptoKey, publicKey: Uint8Array}>}
 */
export async function generateKeyPair() {
  const pair = await crypto.subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
  return { privateKey: pair.privateKey, publicKey: new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)) };
}

/**
 * RFC 9180 §7.1.3 DeriveKeyPair(ikm) for X25519: sk = LabeledExpand(LabeledExtract("", "dkp_prk", ikm), "sk", "", 32).
 * @param {Uint8Array} ikm at least 32 bytes of entropy
 * @returns {Promise<{privateKey: CryptoKey, publicKey: Uint8Array, rawPrivateKey: Uint8Array}>}
 */
export async function deriveKeyPair(ikm) {
  const prk = await labeledExtract(KEM_SUITE_ID, EMPTY, 'dkp_prk', ikm);
  const rawPrivateKey = await labeledExpand(KEM_SUITE_ID, prk, 'sk', EMPTY, 32);
  return { ...(await importPrivateKey(rawPrivateKey)), rawPrivateKey };
}

async function dh(privateKey, publicKeyBytes) {
  if (publicKeyBytes.length !== N_PK) throw new HpkeError(`an X25519 public key is ${N_PK} bytes, got ${publicKeyBytes.length}`);
  let shared;
  try {
    const publicKey = await crypto.subtle.importKey('raw', publicKeyBytes, { name: 'X25519' }, false, []);
    shared = new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: publicKey }, privateKey, 256));
  } catch (failed) {
    throw new HpkeError('X25519 failed', failed);
  }
  // RFC 9180 §7.1.4 / RFC 7748 §6.1: an all-zero shared secret (small-order point) must abort
  if (shared.every((b) => b === 0)) throw new HpkeError('X25519 gave the all-zero value');
  return shared;
}

// RFC 9180 §4.1 ExtractAndExpand(dh, kem_context)
async function extractAndExpand(dhValue, kemContext) {
  const eaePrk = await labeledExtract(KEM_SUITE_ID, EMPTY, 'eae_prk', dhValue);
  return labeledExpand(KEM_SUITE_ID, eaePrk, 'shared_secret', kemContext, N_SECRET);
}

/**
 * RFC 9180 §4.1 Encap(pkR), with a given ephemeral key pair for test vectors or a fresh one.
 * @param {Uint8Array} recipientPublicKey 32 bytes
 * @param {{privateKey: CryptoKey, publicKey: Uint8Array}} [ephemeral]
 * @returns {Promise<{sharedSecret: Uint8Array, enc: Uint8Array}>}
 */
export async function encap(recipientPublicKey, ephemeral) {
  const e = ephemeral ?? (await generateKeyPair());
  const dhValue = await dh(e.privateKey, recipientPublicKey);
  const enc = copy(e.publicKey);
  return { sharedSecret: await extractAndExpand(dhValue, concat(enc, recipientPublicKey)), enc };
}

/**
 * RFC 9180 §4.1 Decap(enc, skR).
 * @param {Uint8Array} enc 32 bytes
 * @param {{privateKey: CryptoKey, publicKey: Uint8Array}} recipient
 * @returns {Promise<Uint8Array>} shared_secret
 */
export async function decap(enc, recipient) {
  const dhValue = await dh(recipient.privateKey, enc);
  return extractAndExpand(dhValue, concat(enc, recipient.publicKey));
}

/**
 * RFC 9180 §4.1 AuthEncap(pkR, skS): as Encap, with a second DH from the sender's static key, and
 * the sender's public key in the KEM context, so only the holder of skS could have made it.
 * @param {Uint8Array} recipientPublicKey 32 bytes
 * @param {{privateKey: CryptoKey, publicKey: Uint8Array}} sender our static key pair
 * @param {{privateKey: CryptoKey, publicKey: Uint8Array}} [ephemeral]
 * @returns {Promise<{sharedSecret: Uint8Array, enc: Uint8Array}>}
 */
export async function authEncap(recipientPublicKey, sender, ephemeral) {
  const e = ephemeral ?? (await generateKeyPair());
  const dhValue = concat(await dh(e.privateKey, recipientPublicKey), await dh(sender.privateKey, recipientPublicKey));
  const enc = copy(e.publicKey);
  return { sharedSecret: await extractAndExpand(dhValue, concat(enc, recipientPublicKey, sender.publicKey)), enc };
}

/**
 * RFC 9180 §4.1 AuthDecap(enc, skR, pkS).
 * @param {Uint8Array} enc 32 bytes
 * @param {{privateKey: CryptoKey, publicKey: Uint8Array}} recipient
 * @param {Uint8Array} senderPublicKey 32 bytes: whose seal we accept
 * @returns {Promise<Uint8Array>} shared_secret
 */
export async function authDecap(enc, recipient, senderPublicKey) {
  const dhValue = concat(await dh(recipient.privateKey, enc), await dh(recipient.privateKey, senderPublicKey));
  return extractAndExpand(dhValue, concat(enc, recipient.publicKey, senderPublicKey));
}

/**
 * The values of RFC 9180 §5.1 KeySchedule for mode_base or mode_auth (psk and psk_id empty).
 * Exported for test vectors; {@link keySchedule} is what protocol code uses.
 * @param {Uint8Array} sharedSecret
 * @param {Uint8Array} info
 * @param {number} [mode] {@link Mode}.BASE (default) or {@link Mode}.AUTH
 * @returns {Promise<{keyScheduleContext: Uint8Array, secret: Uint8Array, key: Uint8Array, baseNonce: Uint8Array, exporterSecret: Uint8Array}>}
 */
export async function scheduleValues(sharedSecret, info, mode = MODE_BASE) {
  const pskIdHash = await labeledExtract(HPKE_SUITE_ID, EMPTY, 'psk_id_hash', EMPTY);
  const infoHash = await labeledExtract(HPKE_SUITE_ID, EMPTY, 'info_hash', info);
  const keyScheduleContext = concat(Uint8Array.of(mode), pskIdHash, infoHash);
  const secret = await labeledExtract(HPKE_SUITE_ID, sharedSecret, 'secret', EMPTY);
  const key = await labeledExpand(HPKE_SUITE_ID, secret, 'key', keyScheduleContext, N_K);
  const baseNonce = await labeledExpand(HPKE_SUITE_ID, secret, 'base_nonce', keyScheduleContext, N_N);
  const exporterSecret = await labeledExpand(HPKE_SUITE_ID, secret, 'exp', keyScheduleContext, N_H);
  return { keyScheduleContext, secret, key, baseNonce, exporterSecret };
}

/**
 * RFC 9180 §5.1 KeySchedule: the encryption context; its AEAD key is not extractable.
 * @param {Uint8Array} sharedSecret
 * @param {Uint8Array} info
 * @param {number} [mode] {@link Mode}.BASE (default) or {@link Mode}.AUTH
 * @returns {Promise<Context>}
 */
export async function keySchedule(sharedSecret, info, mode = MODE_BASE) {
  const { key, baseNonce, exporterSecret } = await scheduleValues(sharedSecret, info, mode);
  const aesKey = await crypto.subtle.importKey('raw', key, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  key.fill(0);
  return new Context(aesKey, baseNonce, exporterSecret);
}

/**
 * An HPKE encryption context (RFC 9180 §5.2): AEAD with a sequence-numbered nonce, and the
 * secret export interface (§5.3). One role per context: a sender seals, a recipient opens.
 */
export class Context {
  #aesKey;
  #baseNonce;
  #exporterSecret;
  #seq = 0n;

  /** Made by {@link keySchedule}. */
  constructor(aesKey, baseNonce, exporterSecret) {
    this.#aesKey = aesKey;
    this.#baseNonce = baseNonce;
    this.#exporterSecret = exporterSecret;
  }

  // ComputeNonce(seq) = base_nonce XOR I2OSP(seq, Nn)
  #nonce() {
    if (this.#seq >= (1n << BigInt(8 * N_N)) - 1n) throw new HpkeError('message limit reached');
    return xor(this.#baseNonce, uint(this.#seq, N_N));
  }

  /**
   * Seal(aad, pt): encrypts with the next sequence number.
   * @param {Uint8Array} aad
   * @param {Uint8Array} plaintext
   * @returns {Promise<Uint8Array>} ciphertext || tag
   */
  async seal(aad, plaintext) {
    const params = { name: 'AES-GCM', iv: this.#nonce(), additionalData: aad, tagLength: N_T * 8 };
    const ciphertext = new Uint8Array(await crypto.subtle.encrypt(params, this.#aesKey, plaintext));
    this.#seq += 1n;
    return ciphertext;
  }

  /**
   * Open(aad, ct): decrypts with the next sequence number, which advances only on success.
   * @param {Uint8Array} aad
   * @param {Uint8Array} ciphertext ciphertext || tag
   * @returns {Promise<Uint8Array>}
   * @throws {HpkeError} if it does not authenticate
   */
  async open(aad, ciphertext) {
    const params = { name: 'AES-GCM', iv: this.#nonce(), additionalData: aad, tagLength: N_T * 8 };
    let plaintext;
    try {
      plaintext = new Uint8Array(await crypto.subtle.decrypt(params, this.#aesKey, ciphertext));
    } catch (failed) {
      throw new HpkeError('ciphertext does not authenticate', failed);
    }
    this.#seq += 1n;
    return plaintext;
  }

  /**
   * Export(exporter_context, L) = LabeledExpand(exporter_secret, "sec", exporter_context, L).
   * @param {Uint8Array} exporterContext
   * @param {number} length
   * @returns {Promise<Uint8Array>}
   */
  export(exporterContext, length) {
    return labeledExpand(HPKE_SUITE_ID, this.#exporterSecret, 'sec', exporterContext, length);
  }
}

/**
 * SetupBaseS(pkR, info) (RFC 9180 §5.1.1).
 * @param {Uint8Array} recipientPublicKey
 * @param {Uint8Array} info
 * @param {{privateKey: CryptoKey, publicKey: Uint8Array}} [ephemeral] fixed ephemeral key (test vectors only)
 * @returns {Promise<{enc: Uint8Array, context: Context}>}
 */
export async function setupBaseS(recipientPublicKey, info, ephemeral) {
  const { sharedSecret, enc } = await encap(recipientPublicKey, ephemeral);
  return { enc, context: await keySchedule(sharedSecret, info) };
}

/**
 * SetupBaseR(enc, skR, info) (RFC 9180 §5.1.1).
 * @param {Uint8Array} enc
 * @param {{privateKey: CryptoKey, publicKey: Uint8Array}} recipient
 * @param {Uint8Array} info
 * @returns {Promise<Context>}
 */
export async function setupBaseR(enc, recipient, info) {
  return keySchedule(await decap(enc, recipient), info);
}

/**
 * Single-shot base-mode seal (RFC 9180 §6.1).
 * @returns {Promise<{enc: Uint8Array, ciphertext: Uint8Array}>}
 */
export async function sealBase(recipientPublicKey, info, aad, plaintext, ephemeral) {
  const { enc, context } = await setupBaseS(recipientPublicKey, info, ephemeral);
  return { enc, ciphertext: await context.seal(aad, plaintext) };
}

/**
 * Single-shot base-mode open (RFC 9180 §6.1).
 * @returns {Promise<Uint8Array>}
 * @throws {HpkeError}
 */
export async function openBase(enc, recipient, info, aad, ciphertext) {
  const context = await setupBaseR(enc, recipient, info);
  return context.open(aad, ciphertext);
}

/**
 * SetupAuthS(pkR, info, skS) (RFC 9180 §5.1.3).
 * @param {Uint8Array} recipientPublicKey
 * @param {Uint8Array} info
 * @param {{privateKey: CryptoKey, publicKey: Uint8Array}} sender our static key pair
 * @param {{privateKey: CryptoKey, publicKey: Uint8Array}} [ephemeral] fixed ephemeral key (test vectors only)
 * @returns {Promise<{enc: Uint8Array, context: Context}>}
 */
export async function setupAuthS(recipientPublicKey, info, sender, ephemeral) {
  const { sharedSecret, enc } = await authEncap(recipientPublicKey, sender, ephemeral);
  return { enc, context: await keySchedule(sharedSecret, info, MODE_AUTH) };
}

/**
 * SetupAuthR(enc, skR, info, pkS) (RFC 9180 §5.1.3).
 * @param {Uint8Array} enc
 * @param {{privateKey: CryptoKey, publicKey: Uint8Array}} recipient
 * @param {Uint8Array} info
 * @param {Uint8Array} senderPublicKey
 * @returns {Promise<Context>}
 */
export async function setupAuthR(enc, recipient, info, senderPublicKey) {
  return keySchedule(await authDecap(enc, recipient, senderPublicKey), info, MODE_AUTH);
}

/**
 * Single-shot auth-mode seal (RFC 9180 §6.1).
 * @returns {Promise<{enc: Uint8Array, ciphertext: Uint8Array}>}
 */
export async function sealAuth(recipientPublicKey, info, aad, plaintext, sender, ephemeral) {
  const { enc, context } = await setupAuthS(recipientPublicKey, info, sender, ephemeral);
  return { enc, ciphertext: await context.seal(aad, plaintext) };
}

/**
 * Single-shot auth-mode open (RFC 9180 §6.1).
 * @returns {Promise<Uint8Array>}
 * @throws {HpkeError}
 */
export async function openAuth(enc, recipient, info, aad, ciphertext, senderPublicKey) {
  const context = await setupAuthR(enc, recipient, info, senderPublicKey);
  return context.open(aad, ciphertext);
}
