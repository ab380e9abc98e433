// Checks run inside the page by StatusTableBrowserTest. The file is one expression: a function of
// the /js/protocol/ base URL returning named async checks, each answering {checked, failures}.
(base) => ({
  // status.js lists exactly the entries of conformance/status.json (the Java RelayStatus), in order
  async statusTable(text) {
    const expected = JSON.parse(text);
    const { RelayStatus } = await import(base + 'status.js');
    const failures = [];
    const actual = Object.entries(RelayStatus).map(([name, s]) => ({ name, closeCode: s.closeCode, error: s.error }));
    const show = (e) => (e ? `${e.name} ${e.closeCode} ${e.error}` : 'nothing');
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (show(expected[i]) !== show(actual[i])) failures.push(`entry ${i}: expected ${show(expected[i])}, got ${show(actual[i])}`);
      if (actual[i] && Object.keys(RelayStatus[actual[i].name]).join() !== 'closeCode,error') {
        failures.push(`${actual[i].name}: fields ${Object.keys(RelayStatus[actual[i].name]).join()}`);
      }
    }
    // a page's script cannot change the table another module reads
    if (!Object.isFrozen(RelayStatus) || !Object.values(RelayStatus).every(Object.isFrozen)) failures.push('the table is not frozen');
    return { checked: actual.length, failures };
  },
})
