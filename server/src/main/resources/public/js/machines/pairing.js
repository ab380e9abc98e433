// The pairing code an agent prints comes as machines.html#pair=ABCD-EFGH. The page takes it out
// of the address bar at once (so it lingers in neither history nor screenshots) and, when the
// person must sign in first, keeps it in this tab only (sessionStorage) until they are back.
const KEPT = 'parley.pairingCode';

/** "abcd efgh" or "ABCDEFGH" → "ABCD-EFGH"; anything else as typed, for the server to judge. */
export function normalisePairingCode(text) {
  const compact = String(text ?? '').toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9]{8}$/.test(compact) ? compact.slice(0, 4) + '-' + compact.slice(4) : String(text ?? '').trim();
}

/** The code in the address (#pair=…) or kept across a sign-in; '' when there is none. */
export function takePairingCode() {
  let code = '';
  if (window.location.hash) {
    code = new URLSearchParams(window.location.hash.slice(1)).get('pair') ?? '';
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  try {
    code ||= window.sessionStorage.getItem(KEPT) ?? '';
    window.sessionStorage.removeItem(KEPT);
  } catch {
    // storage disabled: the person types the code again after signing in
  }
  return normalisePairingCode(code);
}

/** Keeps `code` in this tab while its person signs in. */
export function keepPairingCode(code) {
  try {
    if (code) window.sessionStorage.setItem(KEPT, code);
  } catch {
    // storage disabled: see takePairingCode
  }
}
