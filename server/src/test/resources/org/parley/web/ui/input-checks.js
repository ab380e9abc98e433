// Checks run inside the page by InputAuthBrowserTest (README §9.1, js/protocol/input-auth.js). The
// file is one expression: a function of the /js/ base URL returning named async checks, each
// answering {checked, failures}; a failure names the vector and shows expected vs actual.
(base) => {
  const load = (name) => import(base + name);
  // what each check answers: how many cases it checked, and a line per expectation that failed
  const result = () => {
    const r = { checked: 0, failures: [] };
    r.expect = (what, expected, actual) => {
      if (expected !== actual) r.failures.push(`${what}: expected ${expected}, got ${actual}`);
    };
    return r;
  };
  return {
    // parley-input-v1.json: the Java implementation's input keys and 0x11 bodies, byte for byte
    async inputVectors(text) {
      const A = await load('protocol/input-auth.js');
      const { importPrivateKey } = await load('protocol/hpke.js');
      const { fromHex, toHex, utf8 } = await load('protocol/bytes.js');
      const { sessionIdFromUuid } = await load('protocol/keyschedule.js');
      const r = result();
      const expect = r.expect;
      const x25519 = async (own, peer) => {
        const key = await crypto.subtle.importKey('raw', peer, { name: 'X25519' }, false, []);
        return new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: key }, own.privateKey, 256));
      };
      for (const v of JSON.parse(text).input) {
        try {
          const presenter = await importPrivateKey(fromHex(v.presenterPrivateKey));
          const controller = await importPrivateKey(fromHex(v.controllerPrivateKey));
          expect(`${v.label}: presenter's public key`, v.presenterPublicKey, toHex(presenter.publicKey));
          expect(`${v.label}: controller's public key`, v.controllerPublicKey, toHex(controller.publicKey));
          const pair = {
            sessionId: sessionIdFromUuid(v.sessionId), presenterId: v.presenterId, controllerId: v.controllerId,
            presenterPublicKey: presenter.publicKey, controllerPublicKey: controller.publicKey,
          };
          const atController = await A.deriveInputKey({ ...pair, shared: await x25519(controller, presenter.publicKey) });
          const atPresenter = await A.deriveInputKey({ ...pair, shared: await x25519(presenter, controller.publicKey) });
          expect(`${v.label}: shared secret`, v.shared, toHex(await x25519(controller, presenter.publicKey)));
          expect(`${v.label}: input key (controller)`, v.inputKey, toHex(atController));
          expect(`${v.label}: input key (presenter)`, v.inputKey, toHex(atPresenter));
          const body = await A.authenticateInput(atController, v.epoch, v.seq, utf8(v.json));
          expect(`${v.label}: body`, v.body, toHex(body));
          expect(`${v.label}: header length`, A.INPUT_HEADER_LENGTH + utf8(v.json).length, body.length);
        } catch (e) {
          r.failures.push(`${v.label}: threw ${e && e.name}: ${e && e.message}`);
        }
        r.checked++;
      }
      return { checked: r.checked, failures: r.failures };
    },

    // sendInput on a session as input-auth.js sees it (its send queue runs one body at a time, as the
    // real one does): the pair's key from the vector, and sequence numbers in the order of the calls
    // even while the first call still waits for X25519
    async sendInputOrder(text) {
      const A = await load('protocol/input-auth.js');
      const { importPrivateKey } = await load('protocol/hpke.js');
      const { fromHex, toHex, utf8 } = await load('protocol/bytes.js');
      const { sessionIdFromUuid } = await load('protocol/keyschedule.js');
      const r = result();
      const expect = r.expect;
      const v = JSON.parse(text).input[1];
      const controller = await importPrivateKey(fromHex(v.controllerPrivateKey));
      let queue = Promise.resolve();
      const sent = [];
      const session = {
        you: v.controllerId,
        publicKey: controller.publicKey,
        sessionId: sessionIdFromUuid(v.sessionId),
        roster: { present: new Map([[v.presenterId, { id: v.presenterId, publicKey: fromHex(v.presenterPublicKey) }]]) },
        async agreeWith(peerPublicKey) {
          await new Promise((done) => setTimeout(done, 20)); // slower than the calls that follow
          const peer = await crypto.subtle.importKey('raw', peerPublicKey, { name: 'X25519' }, false, []);
          return new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: peer }, controller.privateKey, 256));
        },
        sendContentFor(kind, bodyFor, { to }) {
          const run = queue.then(async () => {
            sent.push({ kind, to, body: await bodyFor(v.epoch) });
            return true;
          });
          queue = run.catch(() => {});
          return run;
        },
      };
      const events = ['a', 'b', 'c', 'd'].map((t) => utf8(JSON.stringify({ t: 'text', text: t })));
      try {
        const results = await Promise.all(events.slice(0, 3).map((e) => A.sendInput(session, v.presenterId, e)));
        expect('all three went out', 'true,true,true', results.join());
        expect('to a presenter who is not present', false, await A.sendInput(session, 99, events[3]));
        expect('the fourth, later', true, await A.sendInput(session, v.presenterId, events[3]));
        expect('bodies sent', 4, sent.length);
        for (let i = 0; i < sent.length; i++) {
          const wanted = await A.authenticateInput(fromHex(v.inputKey), v.epoch, i + 1, events[i]);
          expect(`event ${i + 1}: body`, toHex(wanted), toHex(sent[i].body));
          expect(`event ${i + 1}: kind`, 0x11, sent[i].kind);
          expect(`event ${i + 1}: to`, v.presenterId, sent[i].to);
        }
      } catch (e) {
        r.failures.push(`threw ${e && e.name}: ${e && e.message}`);
      }
      r.checked++;
      return { checked: r.checked, failures: r.failures };
    },
  };
}
