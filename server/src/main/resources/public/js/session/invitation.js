/**
 * The invitation key `k` (protocol README §5): made by the organizer's browser the first time it
 * opens the session, kept in this browser per meeting, and handed to invitees in the link's
 * fragment (`#k=…`), which browsers never send to a server. A page that finds it in its address
 * keeps it and takes it out of the address bar, so it does not linger in history or screenshots.
 */
import { fromBase64Url, toBase64Url } from '../protocol/bytes.js';
import { admissionKeyFromFragment } from '../protocol/keyschedule.js';

const PREFIX = 'parley.invitation.';

function read(meetingId) {
  try {
    const k = fromBase64Url(window.localStorage.getItem(PREFIX + meetingId) ?? '');
    return k.length === 32 ? k : null;
  } catch {
    return null; // storage disabled or a damaged value: as if there were none
  }
}

function write(meetingId, k) {
  try {
    window.localStorage.setItem(PREFIX + meetingId, toBase64Url(k));
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps a `#k=` of the address for this meeting and removes the fragment from the address bar.
 * @param {string} meetingId
 * @returns {Uint8Array|null} the key the address carried
 */
export function takeInvitationKey(meetingId) {
  if (!window.location.hash) return null;
  const k = admissionKeyFromFragment(window.location.hash);
  if (k !== null) write(meetingId, k);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return k;
}

/** The key this browser holds for the meeting, or null. */
export function storedInvitationKey(meetingId) {
  return read(meetingId);
}

/** The organizer's key: the stored one, or 32 fresh random bytes kept from now on. */
export function organizerInvitationKey(meetingId) {
  const known = read(meetingId);
  if (known !== null) return known;
  const k = crypto.getRandomValues(new Uint8Array(32));
  write(meetingId, k);
  return k;
}

/** The meeting's link with the key in its fragment. */
export function invitationLink(joinUrl, k) {
  return joinUrl.replace(/#.*$/, '') + '#k=' + toBase64Url(k);
}
