// The browser's session protocol under Node (node --test, seconds instead of a browser test's
// minute): the same in-page checks the browser tests run (server/src/test/resources/org/parley/web/ui/
// *-checks.js) against the same vectors — RFC 9605 SFrame, RFC 9180 HPKE, the Parley vectors the Java
// implementation writes, the session conformance cases both clients play, the wire format, the key
// fingerprints. Node's WebCrypto stands in for the browser's; what needs a page (screens, voice,
// WebSockets to a server) stays in the browser tests. Run: node --test server/src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';

// the conformance harness's fake WebSocket closes with a DOM CloseEvent, which Node 20 lacks (Node 23 has it)
globalThis.CloseEvent ??= class CloseEvent extends Event {
  constructor(type, init = {}) {
    super(type);
    this.code = init.code ?? 0;
    this.reason = init.reason ?? '';
    this.wasClean = init.wasClean ?? false;
  }
};

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../../..');
const publicJs = pathToFileURL(resolve(repo, 'server/src/main/resources/public/js') + '/').href;
const vectors = (name) => readFileSync(resolve(repo, 'protocol/src/test/resources/testvectors', name), 'utf8');
const conformance = (name) => readFileSync(resolve(repo, 'protocol/src/test/resources/conformance', name), 'utf8');

/** The checks of one resource file, bound to where their modules live (as InPageChecks does in the page). */
function checks(resource, modules) {
  const source = readFileSync(resolve(repo, 'server/src/test/resources/org/parley/web/ui', resource), 'utf8');
  return (0, eval)(source)(publicJs + modules); // the file is one expression: (base) => ({name: async check})
}

/** As InPageChecks.assertAllPass: no failures, and exactly {@code count} cases checked. */
async function allPass(set, name, count, ...args) {
  const outcome = await set[name](...args);
  assert.deepEqual(outcome.failures, [], `${name}: failures`);
  assert.equal(outcome.checked, count, `${name}: cases checked`);
}

const protocol = checks('protocol-checks.js', 'protocol/');
const sframe = vectors('rfc9605-sframe.json');

test('SFrame headers encode and decode as RFC 9605 says', () =>
  allPass(protocol, 'sframeHeader', JSON.parse(sframe).header.length, sframe));

for (const suite of [4, 5]) {
  test(`SFrame frames of suite ${suite} seal and open as RFC 9605 says`, () =>
    allPass(protocol, 'sframeFrames', JSON.parse(sframe).sframe.filter((v) => v.cipher_suite === suite).length, sframe, suite));
}

test('HPKE base mode matches RFC 9180 A.1.1', () =>
  allPass(protocol, 'hpke', 1, JSON.stringify(JSON.parse(vectors('rfc9180-hpke-x25519-sha256.json'))[0])));

test('HPKE auth mode matches RFC 9180 A.1.3', () =>
  allPass(protocol, 'hpkeAuth', 1, JSON.stringify(JSON.parse(vectors('rfc9180-hpke-x25519-sha256-auth.json'))[0])));

const parleyFile = resolve(repo, 'protocol/src/test/resources/testvectors/parley-v1.json');
for (const family of ['ratchet', 'senderKeys', 'frames', 'keyDelivery', 'admission', 'verification']) {
  test(`the Java implementation's ${family} vectors pass`, { skip: !existsSync(parleyFile) && 'parley-v1.json not written yet' }, () => {
    const text = readFileSync(parleyFile, 'utf8');
    return allPass(protocol, family, JSON.parse(text)[family].length, text);
  });
}

test('participants exchange keys and frames across joins and leaves', () => allPass(protocol, 'roundTrip', 1));
test('every changed byte is refused and the frame still opens afterwards', () => allPass(protocol, 'tamper', 1));
test('the replay window accepts each counter once and refuses older than 128', () => allPass(protocol, 'replayWindow', 1));
test('open only ever refuses with the typed error under fuzzing', () => allPass(protocol, 'fuzz', 1500, 20_261_101, 1500));

const session = checks('conformance-checks.js', '');
test('every scripted session runs as written', () => {
  const cases = conformance('session-cases.json');
  return allPass(session, 'conformance', JSON.parse(cases).cases.length, cases);
});
test('envelopes and plaintexts read and write as in Java', () => {
  const wire = conformance('wire.json');
  const w = JSON.parse(wire);
  return allPass(session, 'wire', w.envelopes.length + w.malformedEnvelopes.length + w.content.length, wire);
});

test('key fingerprints match the Parley vectors', () =>
  allPass(checks('fingerprint-checks.js', 'protocol/'), 'fingerprint', 5, vectors('parley-fingerprint-v1.json')));
