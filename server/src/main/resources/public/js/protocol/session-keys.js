/**
 * One participant's keys in one session: the current epoch (which it seals with, under its own
 * sender id) and the previous one (still opened, so frames in flight across a key change are not
 * lost). Anything older is forgotten and its frames are refused as `unknown-epoch`.
 */
import { CipherSuite, Refusal, SFrameError, open as openFrame, seal as sealFrame } from './sframe.js';
import { EPOCH_LIMIT, MAX_PARTICIPANT_ID, freshEpochSecret, ratchet, senderKey, splitKid, verificationCode } from './keyschedule.js';
import { constantTimeEqual, copy } from './bytes.js';

const CTR_LIMIT = 1n << 64n;

/** The epochs a participant holds and the SFrame keys derived from them. */
export class SessionKeys {
  #suite;
  #ownId;
  #epochs = new Map(); // epoch → {secret, keys: Map<senderId, Promise<SFrameKey>>}
  #current = null;

  /**
   * @param {{ownId: number, suite?: number}} options our session-local participant id (1–65535)
   *   and the SFrame suite (default 0x0004 AES_128_GCM_SHA256_128)
   */
  constructor({ ownId, suite = CipherSuite.AES_128_GCM_SHA256_128 }) {
    if (!Number.isInteger(ownId) || ownId < 1 || ownId > MAX_PARTICIPANT_ID) {
      throw new RangeError(`own id must be a participant id 1–65535, got ${ownId}`);
    }
    this.#ownId = ownId;
    this.#suite = suite;
  }

  /** Our participant id. */
  get ownId() {
    return this.#ownId;
  }

  /** The current epoch, or null before the first key arrived. */
  get epoch() {
    return this.#current;
  }

  /**
   * Makes `epoch` current (after a KEY payload opened, or after our own ratchet/rotation). The
   * old current epoch becomes the previous one; older epochs are forgotten. Installing the current
   * epoch again with the same secret does nothing.
   * @param {number} epoch
   * @param {Uint8Array} secret 32 bytes
   * @throws {RangeError} for an epoch older than the current one, or the current one with another secret
   */
  install(epoch, secret) {
    if (!Number.isSafeInteger(epoch) || epoch < 0 || epoch >= EPOCH_LIMIT) throw new RangeError(`bad epoch ${epoch}`);
    if (!(secret instanceof Uint8Array) || secret.length !== 32) throw new RangeError('an epoch secret is 32 bytes');
    if (this.#current !== null && epoch <= this.#current) {
      if (epoch === this.#current && constantTimeEqual(this.#epochs.get(epoch).secret, secret)) return;
      throw new RangeError(`epoch ${epoch} is not after the current epoch ${this.#current}`);
    }
    const previous = this.#current;
    for (const [known, state] of this.#epochs) {
      if (known !== previous) {
        state.secret.fill(0);
        this.#epochs.delete(known);
      }
    }
    this.#epochs.set(epoch, { secret: copy(secret), keys: new Map(), ctr: 0n });
    this.#current = epoch;
  }

  /**
   * Keyholder on a join: ratchets the current epoch forward (README §2) and installs it.
   * @returns {Promise<{epoch: number, secret: Uint8Array}>} what to deliver to everyone, newcomer included
   */
  async ratchetForJoin() {
    const epoch = this.#requireCurrent() + 1;
    const secret = await ratchet(this.#epochs.get(epoch - 1).secret, epoch);
    this.install(epoch, secret);
    return { epoch, secret: copy(secret) };
  }

  /**
   * Keyholder on a leave or removal (README §2): a fresh random secret as the next epoch, or epoch 0
   * for the first keyholder.
   * @returns {{epoch: number, secret: Uint8Array}} what to deliver to each remaining participant
   */
  rotate() {
    const epoch = this.#current === null ? 0 : this.#current + 1;
    const secret = freshEpochSecret();
    this.install(epoch, secret);
    return { epoch, secret: copy(secret) };
  }

  /**
   * Encrypts one frame with the current epoch under our id; counters start at 0 per epoch.
   * @param {Uint8Array} plaintext
   * @param {Uint8Array} [metadata] empty in Parley v1
   * @returns {Promise<Uint8Array>} the SFrame ciphertext
   */
  async seal(plaintext, metadata) {
    return this.sealIn(this.#requireCurrent(), plaintext, metadata);
  }

  /**
   * Encrypts one frame in `epoch`, the current epoch or the previous one while it is still held: a
   * participant whose newer key came before the members message naming who holds it goes on
   * sending in the epoch whose members it knows (README §8).
   * @param {number} epoch
   * @param {Uint8Array} plaintext
   * @param {Uint8Array} [metadata] empty in Parley v1
   * @returns {Promise<Uint8Array>} the SFrame ciphertext
   * @throws {RangeError} if `epoch` is not held
   */
  async sealIn(epoch, plaintext, metadata) {
    const state = this.#epochs.get(epoch);
    if (state === undefined) throw new RangeError(`epoch ${epoch} is not held`);
    if (state.ctr >= CTR_LIMIT) throw new RangeError(`epoch ${epoch}: SFrame counter exhausted`);
    const ctr = state.ctr++; // taken before any await, so concurrent seals never share a nonce
    const key = await this.#key(epoch, this.#ownId);
    return sealFrame(key, ctr, plaintext, metadata);
  }

  /**
   * Decrypts a frame that the relay says came from `envelopeSenderId`.
   * @param {Uint8Array} frame
   * @param {number} envelopeSenderId the envelope's sender id
   * @param {Uint8Array} [metadata]
   * @returns {Promise<{epoch: number, senderId: number, ctr: bigint, plaintext: Uint8Array}>}
   * @throws {SFrameError} with `reason` one of {@link Refusal}, and nothing else
   */
  async open(frame, envelopeSenderId, metadata) {
    const opened = await openFrame(frame, (kid) => {
      const { epoch, senderId } = splitKid(kid);
      if (!this.#epochs.has(epoch)) throw new SFrameError(Refusal.UNKNOWN_EPOCH, `epoch ${epoch} is not held`);
      if (senderId === 0 || senderId !== envelopeSenderId) {
        throw new SFrameError(Refusal.SENDER_MISMATCH, `KID names sender ${senderId}, envelope says ${envelopeSenderId}`);
      }
      return this.#key(epoch, senderId);
    }, metadata);
    const { epoch, senderId } = splitKid(opened.kid);
    return { epoch, senderId, ctr: opened.ctr, plaintext: opened.plaintext };
  }

  /**
   * The current epoch's verification code (README §6).
   * @param {Uint8Array[]} publicKeys every participant's public key, ours included
   * @returns {Promise<string>}
   */
  verificationCode(publicKeys) {
    return verificationCode(this.#epochs.get(this.#requireCurrent()).secret, publicKeys);
  }

  /**
   * Whether `epoch` is the join ratchet of the epoch before it (README §2), both held: then whoever
   * held that one holds this one too, and nobody left in between.
   * @param {number} epoch
   * @returns {Promise<boolean>}
   */
  async followsByJoin(epoch) {
    const before = this.#epochs.get(epoch - 1);
    const now = this.#epochs.get(epoch);
    if (before === undefined || now === undefined) return false;
    return constantTimeEqual(await ratchet(before.secret, epoch), now.secret);
  }

  /**
   * Stops opening the previous epoch. Call it once frames in flight have had time to arrive after
   * a removal: whoever was removed still holds that epoch's secret, and with it could forge frames
   * under any sender id of that epoch (SFrame keys are shared, not signatures).
   */
  forgetPrevious() {
    for (const [known, state] of this.#epochs) {
      if (known !== this.#current) {
        state.secret.fill(0);
        this.#epochs.delete(known);
      }
    }
  }

  /** Wipes every secret held (on leaving the session). */
  forget() {
    for (const state of this.#epochs.values()) state.secret.fill(0);
    this.#epochs.clear();
    this.#current = null;
  }

  #requireCurrent() {
    if (this.#current === null) throw new RangeError('no epoch secret yet');
    return this.#current;
  }

  // one derivation per (epoch, sender), shared by concurrent callers; its replay window lives as long as the epoch
  #key(epoch, senderId) {
    const state = this.#epochs.get(epoch);
    let key = state.keys.get(senderId);
    if (!key) {
      key = senderKey(this.#suite, copy(state.secret), epoch, senderId); // a copy: install() may wipe the original mid-derivation
      state.keys.set(senderId, key);
    }
    return key;
  }
}
