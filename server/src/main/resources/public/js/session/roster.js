/**
 * Who is present (the relay's roster) and who holds the current epoch (the last `members`
 * message, README §8). The roster's names and roles are the server's word and are shown as
 * such; they never admit anyone. Membership changes only through `members` or our own keyholder
 * actions.
 */
import { fromBase64Url } from '../protocol/bytes.js';

// support sessions and computers add customer, technician and owner (protocol README §8, issue 6)
const ROLES = new Set(['organizer', 'invitee', 'registrant', 'customer', 'technician', 'owner']);
const MAX_NAME = 200;
/** README §8: the one `vouched` value a keyholder admits on; any other is not understood and counts for nothing. */
export const VOUCHED_INVITEE = 'signed-in-invitee';

/**
 * A roster entry P from the relay, checked; null if it is not one.
 * `vouchedInvitee`: the server vouches for them as a signed-in invitee of a meeting whose organizer
 * lets those in without a click (README §8).
 * @returns {{id: number, name: string, role: string, publicKey: Uint8Array, proof: Uint8Array|null,
 *   vouchedInvitee: boolean}|null}
 */
export function participantFrom(p) {
  if (p === null || typeof p !== 'object') return null;
  const { id, name, role } = p;
  if (!Number.isInteger(id) || id < 1 || id > 0xffff) return null;
  if (typeof name !== 'string' || typeof role !== 'string') return null;
  const publicKey = key(p.publicKey);
  if (publicKey === null) return null;
  const proof = p.proof === undefined || p.proof === null ? null : key(p.proof);
  return {
    id,
    name: name.slice(0, MAX_NAME),
    role: ROLES.has(role) ? role : 'participant',
    publicKey,
    proof,
    vouchedInvitee: p.vouched === VOUCHED_INVITEE,
  };
}

function key(text) {
  try {
    const bytes = fromBase64Url(text);
    return bytes.length === 32 ? bytes : null;
  } catch {
    return null;
  }
}

/** The present participants and the current members view. */
export class Roster {
  /** id → participant */
  present = new Map();
  /** {epoch, keyholder, members: number[]} of the current epoch, or null before anyone holds a key */
  members = null;

  /** Participants present who are not members: the waiting room. */
  waiting() {
    const inside = new Set(this.members?.members ?? []);
    return [...this.present.values()].filter((p) => !inside.has(p.id));
  }

  isMember(id) {
    return this.members !== null && this.members.members.includes(id);
  }

  /**
   * Someone left: they are no longer present nor a member. When they held the key, the next
   * keyholder is the remaining member with the organizer role (lowest id among them), else the
   * lowest remaining id (README §8). Returns what changed.
   * @returns {{wasMember: boolean, wasKeyholder: boolean}}
   */
  leave(id) {
    this.present.delete(id);
    if (this.members === null || !this.members.members.includes(id)) return { wasMember: false, wasKeyholder: false };
    const remaining = this.members.members.filter((m) => m !== id && this.present.has(m));
    const wasKeyholder = this.members.keyholder === id;
    let keyholder = this.members.keyholder;
    if (wasKeyholder || !remaining.includes(keyholder)) keyholder = successor(remaining, this.present);
    this.members = remaining.length === 0 ? null : { epoch: this.members.epoch, keyholder, members: remaining };
    return { wasMember: true, wasKeyholder };
  }

  /** The public keys of the current members, or null when one is not known. */
  memberKeys() {
    if (this.members === null) return null;
    const keys = this.members.members.map((id) => this.present.get(id)?.publicKey);
    return keys.every(Boolean) ? keys : null;
  }
}

function successor(remaining, present) {
  const organizers = remaining.filter((id) => present.get(id)?.role === 'organizer');
  const pool = organizers.length > 0 ? organizers : remaining;
  return pool.length === 0 ? null : Math.min(...pool);
}
