/**
 * What a customer sharing from the browser answered about who may see their screen: the twin of
 * the agent's ViewingConsent (agent/…/support/ViewingConsent.java). Answers are remembered by each
 * participant's JOIN public key — never by id, name or role, which are the server's word: a server
 * that gives an allowed id or name to another key gets a new question, and nothing is shown to that
 * key until the customer allows it. The words of the question are the agent's (consent/Question.java).
 */
import { toHex } from '../protocol/bytes.js';

const MAX_NAME = 40; // PlainText.MAX_NAME
const MAX_ORGANISATION = 60;

/**
 * A name from the network as the agent shows it (PlainText.name): no format characters (a bidi
 * override could make "Alice from Bank" read as something else), one line, at most `max` characters.
 */
export function plainName(untrusted, max, fallback) {
  const clean = String(untrusted ?? '').replace(/\p{Cf}/gu, '').replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim();
  if (clean === '') return fallback;
  const points = [...clean];
  return points.length <= max ? clean : points.slice(0, max - 1).join('').trim() + '…';
}

/** The agent's viewing question (Question.View): sentence, reassurance and the key line. */
export function viewQuestion(technician, organisation, fingerprint) {
  const who = plainName(technician, MAX_NAME, 'Someone');
  const from = plainName(organisation, MAX_ORGANISATION, '');
  return {
    sentence: who + (from === '' ? ' (no organisation)' : ' from ' + from) + ' wants to see your screen.',
    reassurance: 'Nothing is shown until you allow it.',
    keyLine: 'Their key: ' + fingerprint + ' (the same as on their screen?)',
  };
}

export class ViewingConsent {
  #allowed = new Set();
  #declined = new Set();
  #asked = new Set();

  allows(participant) {
    return participant != null && this.#allowed.has(toHex(participant.publicKey));
  }

  declines(participant) {
    return participant != null && this.#declined.has(toHex(participant.publicKey));
  }

  /** True once for a key not yet answered nor asked about: the caller asks the customer now. */
  startQuestion(participant) {
    const key = toHex(participant.publicKey);
    if (this.#allowed.has(key) || this.#declined.has(key) || this.#asked.has(key)) return false;
    this.#asked.add(key);
    return true;
  }

  /** The answer about the key `participant` had when the question was asked. */
  answered(participant, allowed) {
    (allowed ? this.#allowed : this.#declined).add(toHex(participant.publicKey));
  }

  /**
   * Whether every member of the current epoch but us holds a key the customer allowed, as the
   * roster says now. Nobody at all: nothing to share with.
   */
  allowsAllMembers(session) {
    const members = (session.roster.members?.members ?? []).filter((id) => id !== session.you);
    return members.length > 0 && members.every((id) => this.allows(session.roster.present.get(id)));
  }
}
