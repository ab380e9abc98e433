/**
 * The keyholder's job in a session (protocol README §8): starting epoch 0, letting waiting
 * participants in (by the link's proof, the server's word for a vouched invitee, or a click),
 * ratcheting on a join and rotating on a leave, and handing each member the epoch's key and the
 * members message. The participant's view (the roster, receiving, chat) stays in session.js.
 *
 * It has no queue of its own: the Session calls it only from inside its one queue, so a
 * keyholder action and an incoming message never interleave, and two admissions never interleave
 * their ratchets.
 */
import { MessageType } from '../protocol/envelope.js';
import { sealEpochSecret, verifyAdmissionProof } from '../protocol/keyschedule.js';
import { encodeMembers } from './content.js';

export class Keyholder {
  #roster;
  #you;
  #keys;
  #keyPair;
  #sessionId;
  #k;
  #session;

  /**
   * @param {{roster: import('./roster.js').Roster, you: number, keys: import('../protocol/session-keys.js').SessionKeys,
   *   keyPair: {publicKey: Uint8Array, privateKey: CryptoKey}, sessionId: Uint8Array, k: Uint8Array|null}} state
   *   the session's, shared not copied: the roster and keys are the ones the participant's view reads;
   *   `k` the invitation key, if we have it, to check a newcomer's admission proof
   * @param {{isKeyholder: () => boolean, send: (type: number, to: number, payload: Uint8Array) => void,
   *   seal: (plaintext: Uint8Array) => Promise<Uint8Array>, graceFor: (epoch: number) => void,
   *   membersKnown: () => Promise<void>}} session what the Session does for us: send, seal in the epoch whose
   *   members we know, let the previous epoch go after its grace, and act on a members view we set
   */
  constructor({ roster, you, keys, keyPair, sessionId, k }, session) {
    this.#roster = roster;
    this.#you = you;
    this.#keys = keys;
    this.#keyPair = keyPair;
    this.#sessionId = sessionId;
    this.#k = k;
    this.#session = session;
  }

  /**
   * Epoch 0 with us as its only member (unless we already know members or hold a key), then lets
   * in those waiting who may come in without a click.
   */
  async start() {
    if (this.#roster.members !== null || this.#keys.epoch !== null) return;
    const { epoch, secret } = this.#keys.rotate();
    secret.fill(0);
    this.#roster.members = { epoch, keyholder: this.#you, members: [this.#you] };
    this.#session.send(MessageType.DATA, 0, await this.#session.seal(encodeMembers(this.#roster.members)));
    await this.#session.membersKnown();
    await this.#admitWaitingEntitled();
  }

  /** Someone joined while we hold the key. */
  async welcome(p) {
    // a sign to the newcomer that a session is running (it cannot open it yet), so an organizer waits to be let in
    this.#session.send(MessageType.DATA, p.id, await this.#session.seal(encodeMembers(this.#roster.members)));
    await this.#admitIfEntitled(p);
  }

  // README §8 "Admitting": ratchet, ADMIT to the newcomer, KEY to every member and the newcomer, then members
  async admit(id) {
    if (!this.#roster.present.has(id) || this.#roster.isMember(id)) return;
    const { epoch, secret } = await this.#keys.ratchetForJoin();
    this.#session.graceFor(epoch);
    try {
      this.#session.send(MessageType.ADMIT, id, new Uint8Array(0));
      const members = [...this.#roster.members.members.filter((m) => this.#roster.present.has(m)), id].sort((a, b) => a - b);
      await this.#deliver(epoch, secret, members);
    } finally {
      secret.fill(0);
    }
  }

  // README §8: on a leave (or taking over from a keyholder who left), a fresh epoch for those who remain
  async rotate() {
    const members = this.#roster.members.members.filter((m) => this.#roster.present.has(m));
    const { epoch, secret } = this.#keys.rotate();
    this.#session.graceFor(epoch);
    try {
      await this.#deliver(epoch, secret, members);
    } finally {
      secret.fill(0);
    }
    await this.#admitWaitingEntitled();
  }

  // README §8: the link's proof, or — only where the organizer chose it — the server's word that this
  // is a signed-in invitee (the roster's `vouched`, for the invitee role alone). Everyone else waits for a click.
  async #admitIfEntitled(p) {
    if (p.vouchedInvitee && p.role === 'invitee') {
      await this.admit(p.id);
      return;
    }
    if (this.#k === null || p.proof === null) return;
    if (await verifyAdmissionProof(this.#k, this.#sessionId, p.publicKey, p.proof)) await this.admit(p.id);
  }

  async #admitWaitingEntitled() {
    for (const p of this.#roster.waiting()) {
      if (this.#session.isKeyholder() && this.#roster.present.has(p.id)) await this.#admitIfEntitled(p);
    }
  }

  async #deliver(epoch, secret, members) {
    for (const m of members) {
      if (m === this.#you) continue;
      const recipientPublicKey = this.#roster.present.get(m).publicKey;
      const payload = await sealEpochSecret({
        sessionId: this.#sessionId, epoch, recipientId: m, recipientPublicKey, secret, sender: this.#keyPair,
      });
      this.#session.send(MessageType.KEY, m, payload);
    }
    this.#roster.members = { epoch, keyholder: this.#you, members };
    this.#session.send(MessageType.DATA, 0, await this.#session.seal(encodeMembers(this.#roster.members)));
    await this.#session.membersKnown(); // we took over while a fresh key waited for its members: ours are these
  }
}
