// Checks run inside the page by FingerprintVectorsBrowserTest: the browser's key fingerprint
// (js/protocol/fingerprint.js) against parley-fingerprint-v1.json, which Java checks too.
(base) => ({
  async fingerprint(text) {
    const { keyFingerprint } = await import(base + 'fingerprint.js');
    const { fromHex } = await import(base + 'bytes.js');
    const r = { checked: 0, failures: [] };
    for (const v of JSON.parse(text).fingerprint) {
      try {
        const got = await keyFingerprint(fromHex(v.publicKey));
        if (got !== v.fingerprint) r.failures.push(`${v.name}: expected ${v.fingerprint}, got ${got}`);
      } catch (e) {
        r.failures.push(`${v.name}: threw ${e && e.name}: ${e && e.message}`);
      }
      r.checked++;
    }
    try {
      await keyFingerprint(new Uint8Array(31));
      r.failures.push('a 31-byte key: expected a TypeError, but it was fingerprinted');
    } catch (e) {
      if (!(e instanceof TypeError)) r.failures.push(`a 31-byte key: expected a TypeError, got ${e && e.name}`);
    }
    return r;
  },
})
