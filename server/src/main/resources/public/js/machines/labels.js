// How a computer's state and its connection history read on screen. Times are the viewer's own
// (Intl without a zone: the browser's), as the page's footnote says.
import { formatTime } from '../ui.js';

/** status → badge text and colour (meetings.css badge classes) */
export const STATUS_BADGES = {
  enabled: ['Enabled', 'status-approved'],
  paused: ['Paused', 'status-pending'],
  revoked: ['Revoked', 'status-declined'],
  pending: ['Waiting for approval', 'status-pending'],
};

/** "Enabled", "Paused until 25 Nov 2026, 09:00", "Revoked": who may connect now. */
export function accessText(view) {
  switch (view.status) {
    case 'enabled': return 'Enabled';
    case 'paused': return view.pausedUntil ? 'Paused until ' + formatTime(view.pausedUntil) : 'Paused until you resume it';
    case 'revoked': return 'Revoked: no one can connect to it any more';
    case 'pending': return 'Waiting for approval';
    default: return view.status;
  }
}

/** "Online", or "Offline, last seen 25 Nov 2026, 09:00". */
export function presenceText(view) {
  if (view.online) return 'Online';
  return view.lastSeenAt ? 'Offline, last seen ' + formatTime(view.lastSeenAt) : 'Offline';
}

/** outcome → [text, refused?]; a refused attempt is marked so it stands out in the list. */
const OUTCOMES = {
  requested: ['Requested, not used', false],
  connected: ['Connected now', false],
  ended: ['Connected', false],
  refused_paused: ['Refused: access was paused', true],
  refused_revoked: ['Refused: access was revoked', true],
  offline: ['Not reached: the computer was offline', true],
  wrong_password: ['Refused: wrong access password', true],
  locked_out: ['Refused: locked after wrong passwords', true],
};

export function outcomeOf(connection) {
  const [text, refused] = OUTCOMES[connection.outcome] ?? [connection.outcome ? String(connection.outcome) : 'Requested', false];
  return { text, refused };
}

/** "45 s", "3 min 20 s", "1 h 5 min". */
export function formatSeconds(total) {
  const seconds = Math.max(0, Math.round(total));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return h + ' h' + (m > 0 ? ' ' + m + ' min' : '');
  if (m > 0) return m + ' min' + (s > 0 ? ' ' + s + ' s' : '');
  return s + ' s';
}
