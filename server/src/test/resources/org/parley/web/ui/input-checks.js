// Checks run inside the page by InputAuthBrowserTest (README §9.1, js/protocol/input-auth.js). The
// file is one expression: a function of the /js/ base URL returning named async checks, each
// answering {checked, failures}; a failure names the vector and shows expected vs actual.
(base) => {
  const load = (name) => import(base + name);
  return {
    // parley-input-v1.json: the Java implementation's input keys and 0x11 bodies, byte for byte
    async inputVectors(text) {
      const A = await load('protocol/input-auth.js');
      const { importPrivateKey } = await load('protocol/hpke.js');
      const { fromHex, toHex, utf8 } = await load('protocol/bytes.js');
      const { sessionIdFromUuid } = await load('protocol/keyschedule.js');
      const r = { checked: 0, failures: [] };
      const expect = (what, expected, actual) => {
        if (expected !== actual) r.failures.push(`${what}: expected ${expected}, got ${actual}`);
      };
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
      return r;
    },
  };
}
