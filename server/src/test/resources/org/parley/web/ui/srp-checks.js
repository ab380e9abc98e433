// Checks run inside the page by AccessHandshakeBrowserTest (and by Node for quick iteration).
// The file is one expression: a function of the /js/ base URL returning named async checks. Each
// check returns {checked, failures}; a failure names the vector or case and shows expected vs
// actual, so a red test says what broke without a debugger.
(base) => {
  const load = (name) => import(base + name);
  const n = (hex) => BigInt(`0x${hex}`);
  const hexOf = (value) => value.toString(16);
  const result = () => {
    const r = { checked: 0, failures: [] };
    r.expect = (what, expected, actual) => {
      if (expected !== actual) r.failures.push(`${what}: expected ${expected}, got ${actual}`);
    };
    r.done = () => ({ checked: r.checked, failures: r.failures });
    return r;
  };
  const guard = async (r, what, body) => {
    try {
      await body();
    } catch (e) {
      r.failures.push(`${what}: threw ${e && e.name}: ${e && e.message}`);
    }
    r.checked++;
  };
  // the promise must reject with an error named `name` (and, for a refusal, this reason and text)
  const rejects = async (r, what, name, promise, check = () => {}) => {
    try {
      await promise;
      r.failures.push(`${what}: expected ${name}, but it went through`);
    } catch (e) {
      if (!e || e.name !== name) r.failures.push(`${what}: expected ${name}, got ${e && e.name}: ${e && e.message}`);
      else check(e);
    }
  };

  return {
    // RFC 5054 Appendix B: the 1024-bit group with SHA-1, through the same code as the handshake
    async rfc5054(text) {
      const S = await load('protocol/srp.js');
      const { fromHex } = await load('protocol/bytes.js');
      const v = JSON.parse(text);
      const r = result();
      await guard(r, 'RFC 5054 Appendix B', async () => {
        const group = { N: n(v.N), g: n(v.g), hash: 'SHA-1' };
        const values = await S.callerValues({ group, identity: v.I, password: v.P, salt: fromHex(v.s), a: n(v.a), B: n(v.B) });
        for (const field of ['k', 'x', 'v', 'A', 'u', 'S']) {
          r.expect(`RFC 5054 ${field}`, hexOf(n(v[field])), hexOf(values[field]));
        }
        const B = (values.k * values.v + S.modPow(group.g, n(v.b), group.N)) % group.N;
        r.expect('RFC 5054 B = k·v + g^b', hexOf(n(v.B)), hexOf(B));
      });
      return r.done();
    },

    // parley-access-v1.json: the Java agent's handshakes, byte for byte
    async accessVectors(text) {
      const S = await load('protocol/srp.js');
      const { fromHex, toHex, fromBase64Url, toBase64Url } = await load('protocol/bytes.js');
      const r = result();
      for (const h of JSON.parse(text).handshakes) {
        const what = `handshake ${h.machineId}`;
        await guard(r, what, async () => {
          const callerKey = fromHex(h.callerPublicKey);
          const agentKey = fromHex(h.agentPublicKey);
          const caller = new S.AccessCaller(h.machineId, h.password, n(h.a));
          const start = caller.start();
          r.expect(`${what} A`, h.A, toHex(fromBase64Url(start.A)));
          r.expect(`${what} srp-start`, h.messages.start, JSON.stringify(start));
          const evidence = await caller.evidence(JSON.parse(h.messages.challenge), callerKey, agentKey);
          r.expect(`${what} M1`, h.M1, toHex(fromBase64Url(evidence.M1)));
          r.expect(`${what} bind`, h.bind, toHex(fromBase64Url(evidence.bind)));
          r.expect(`${what} srp-evidence`, h.messages.evidence, JSON.stringify(evidence));
          r.expect(`${what} M2 confirms`, true, await caller.confirm(JSON.parse(h.messages.ok)));
          r.expect(`${what} K`, h.K, toHex(caller.sessionKey));

          const doubting = new S.AccessCaller(h.machineId, h.password, n(h.a));
          doubting.start();
          await doubting.evidence(JSON.parse(h.messages.challenge), callerKey, agentKey);
          const forged = fromHex(h.M2);
          forged[31] ^= 1;
          r.expect(`${what} altered M2 confirms`, false, await doubting.confirm({ t: 'srp-ok', M2: toBase64Url(forged) }));
          r.expect(`${what} no K after a wrong M2`, null, doubting.sessionKey);

          const swapped = new S.AccessCaller(h.machineId, h.password, n(h.a));
          swapped.start();
          const other = await swapped.evidence(JSON.parse(h.messages.challenge), callerKey, fromHex('ff'.repeat(32)));
          r.expect(`${what} bind over another agent key differs`, true, other.bind !== evidence.bind && other.M1 === evidence.M1);

          const nfc = new S.AccessCaller(h.machineId, h.password.normalize('NFD').normalize('NFC'), n(h.a));
          nfc.start();
          const again = await nfc.evidence(JSON.parse(h.messages.challenge), callerKey, agentKey);
          r.expect(`${what} NFC of the password gives the same M1`, evidence.M1, again.M1);
        });
      }
      return r.done();
    },

    // README §10 epoch-confirm: the Java agent's MACs byte for byte, then what the caller trusts and when it gives up
    async epochConfirm(text) {
      const S = await load('protocol/srp.js');
      const { fromHex, toHex, toBase64Url } = await load('protocol/bytes.js');
      const r = result();
      const handshakes = JSON.parse(text).handshakes;
      for (const h of handshakes) {
        const what = `epoch-confirm of ${h.machineId}`;
        await guard(r, what, async () => {
          const { epoch, code, codeValue, mac, message } = h.epochConfirm;
          const K = fromHex(h.K);
          r.expect(`${what} code value`, codeValue, toHex(S.codeValue(code)));
          r.expect(`${what} mac`, mac, toHex(await S.epochConfirmMac(K, epoch, code)));
          const epochs = new S.ConfirmedEpochs();
          epochs.accepted(K);
          epochs.epochChanged(epoch, code);
          r.expect(`${what} trusted before the confirm`, false, epochs.trusted);
          r.expect(`${what} confirms`, true, await epochs.confirm(JSON.parse(message)));
          r.expect(`${what} trusted after it`, true, epochs.trusted);
          r.expect(`${what} confirmed epoch`, epoch, epochs.confirmedEpoch);
        });
      }
      await guard(r, 'what the caller trusts', async () => {
        const K = new Uint8Array(32).fill(7);
        const code = '0421 9983 1207 5530';
        const other = '0421 9983 1207 5531';
        const confirm = async (key, epoch, over) => ({ t: 'epoch-confirm', epoch, mac: toBase64Url(await S.epochConfirmMac(key, epoch, over)) });
        let now = 0;
        const at = (epoch) => {
          const epochs = new S.ConfirmedEpochs({ now: () => now });
          epochs.accepted(K);
          epochs.seen(epoch);
          epochs.epochChanged(epoch, code);
          return epochs;
        };
        const refusedBy = async (what, message, epochs = at(3)) => {
          r.expect(`${what} is refused`, false, await epochs.confirm(message));
          r.expect(`${what}: not trusted`, false, epochs.trusted);
          r.expect(`${what}: ends the connection`, true, epochs.overdue());
        };
        await refusedBy('another K', await confirm(new Uint8Array(32).fill(8), 3, code));
        await refusedBy('another epoch', await confirm(K, 4, code));
        await refusedBy('another code (the relay\'s own secret)', await confirm(K, 3, other));
        for (const [what, message] of Object.entries({
          'no epoch': { t: 'epoch-confirm', mac: toBase64Url(new Uint8Array(32)) },
          'epoch as text': { t: 'epoch-confirm', epoch: '3', mac: toBase64Url(new Uint8Array(32)) },
          'negative epoch': { t: 'epoch-confirm', epoch: -1, mac: toBase64Url(new Uint8Array(32)) },
          'epoch 2^47': { t: 'epoch-confirm', epoch: 2 ** 47, mac: toBase64Url(new Uint8Array(32)) },
          'fractional epoch': { t: 'epoch-confirm', epoch: 3.5, mac: toBase64Url(new Uint8Array(32)) },
          'short mac': { t: 'epoch-confirm', epoch: 3, mac: toBase64Url(new Uint8Array(31)) },
          'padded mac': { t: 'epoch-confirm', epoch: 3, mac: `${toBase64Url(new Uint8Array(32))}=` },
          'srp-ok': { t: 'srp-ok', M2: toBase64Url(new Uint8Array(32)) },
        })) {
          const epochs = at(3);
          await rejects(r, what, 'AccessHandshakeError', epochs.confirm(message));
          r.expect(`${what}: ends the connection`, true, epochs.overdue());
        }

        const epochs = at(3);
        r.expect('right K, epoch and code', true, await epochs.confirm(await confirm(K, 3, code)));
        epochs.seen(4); // a KEY arrived: nothing of epoch 4 is trusted until it is confirmed
        r.expect('a new epoch freezes', false, epochs.trusted);
        now += S.CONFIRM_WAIT_MS - 1;
        r.expect('not yet overdue', false, epochs.overdue());
        now += 1;
        r.expect('overdue after 5 s', true, epochs.overdue());

        const quick = at(3);
        quick.seen(4);
        quick.epochChanged(4, other);
        const both = [quick.confirm(await confirm(K, 3, code)), quick.confirm(await confirm(K, 4, other))];
        r.expect('two quick epochs confirmed in order', 'true,true', String(await Promise.all(both)));
        r.expect('both trusted', true, quick.trusted);

        const skipped = at(3);
        await skipped.confirm(await confirm(K, 3, code));
        skipped.seen(4); // the relay's KEY, never confirmed: its frames would still open as the previous epoch
        skipped.seen(5);
        skipped.epochChanged(5, other);
        r.expect('a newer confirm does not cover an unconfirmed epoch', false, await skipped.confirm(await confirm(K, 5, other)));

        const early = new S.ConfirmedEpochs({ now: () => now });
        early.seen(0);
        now += 60_000;
        r.expect('nothing is overdue before K', false, early.overdue());
        early.accepted(K);
        r.expect('the wait starts with K', false, early.overdue());
      });
      return r.done();
    },

    // whatever the agent (or a relay) sends, the caller throws one of its two errors and stays usable
    async refusals() {
      const S = await load('protocol/srp.js');
      const { toBase64Url } = await load('protocol/bytes.js');
      const r = result();
      const machine = '7a1c0f5e-2b3d-4e8f-9a0b-1c2d3e4f5a6b';
      const key = new Uint8Array(32).fill(7);
      const b64 = (bytes) => toBase64Url(bytes);
      const pad = (value) => {
        const out = new Uint8Array(256);
        let v = value;
        for (let i = 255; i >= 0 && v > 0n; i--, v >>= 8n) out[i] = Number(v & 0xffn);
        return out;
      };
      const salt = b64(new Uint8Array(32));
      const malformed = {
        'not an object': 'srp-challenge',
        'no t': { salt, B: b64(pad(2n)) },
        'srp-ok instead of a challenge': { t: 'srp-ok', M2: b64(new Uint8Array(32)) },
        'B = 0': { t: 'srp-challenge', salt, B: b64(pad(0n)) },
        'B = N': { t: 'srp-challenge', salt, B: b64(pad(S.GROUP_2048.N)) },
        'B of 255 bytes': { t: 'srp-challenge', salt, B: b64(pad(2n).subarray(1)) },
        'padded B': { t: 'srp-challenge', salt, B: `${b64(pad(2n))}==` },
        'salt of 16 bytes': { t: 'srp-challenge', salt: b64(new Uint8Array(16)), B: b64(pad(2n)) },
        'salt not a string': { t: 'srp-challenge', salt: 5, B: b64(pad(2n)) },
        'unknown refusal reason': { t: 'refused', reason: 'bored', message: 'no' },
        'refusal without text': { t: 'refused', reason: 'busy' },
        'refusal text too long': { t: 'refused', reason: 'busy', message: 'x'.repeat(501) },
      };
      const caller = new S.AccessCaller(machine, 'pw');
      caller.start();
      for (const [what, message] of Object.entries(malformed)) {
        await guard(r, what, () => rejects(r, what, 'AccessHandshakeError', caller.evidence(message, key, key)));
      }
      await guard(r, 'a malformed challenge leaves the caller usable', async () => {
        const evidence = await caller.evidence({ t: 'srp-challenge', salt, B: b64(pad(2n)) }, key, key);
        r.expect('evidence after malformed ones', 'srp-evidence', evidence.t);
        await rejects(r, 'srp-start as a verdict', 'AccessHandshakeError', caller.confirm({ t: 'srp-start', A: b64(pad(2n)) }));
        await rejects(r, 'wrong password', 'AccessRefusedError',
          caller.confirm({ t: 'refused', reason: 'password', message: 'The access password is wrong.' }), (e) => {
            r.expect('refusal reason', 'password', e.reason);
            r.expect('refusal text', 'The access password is wrong.', e.message);
          });
        await rejects(r, 'confirm twice', 'Error', caller.confirm({ t: 'srp-ok', M2: b64(new Uint8Array(32)) }));
      });
      await guard(r, 'a paused machine refuses at the challenge', async () => {
        const paused = new S.AccessCaller(machine, 'pw');
        paused.start();
        await rejects(r, 'paused', 'AccessRefusedError',
          paused.evidence({ t: 'refused', reason: 'paused', message: 'Access to “Office PC” is paused.' }, key, key),
          (e) => r.expect('paused reason', 'paused', e.reason));
      });
      await guard(r, 'calls out of turn and bad arguments', async () => {
        const fresh = new S.AccessCaller(machine, 'pw');
        await rejects(r, 'evidence before start', 'Error', fresh.evidence({ t: 'srp-challenge', salt, B: b64(pad(2n)) }, key, key));
        await rejects(r, 'empty password', 'TypeError', (async () => new S.AccessCaller(machine, ''))());
        fresh.start();
        await rejects(r, 'short public key', 'TypeError', fresh.evidence({ t: 'srp-challenge', salt, B: b64(pad(2n)) }, key.subarray(1), key));
      });
      await guard(r, 'modPow', async () => {
        r.expect('3^200 mod 1000003', hexOf(3n ** 200n % 1000003n), hexOf(S.modPow(3n, 200n, 1000003n)));
        r.expect('x^0', '1', hexOf(S.modPow(12345n, 0n, 97n)));
        r.expect('negative base', hexOf(((-5n % 97n) + 97n) % 97n), hexOf(S.modPow(-5n, 1n, 97n)));
      });
      return r.done();
    },

    // README §1: type 8 names one recipient and carries at most 4 KiB
    async handshakeEnvelope() {
      const E = await load('protocol/envelope.js');
      const { toHex } = await load('protocol/bytes.js');
      const r = result();
      await guard(r, 'HANDSHAKE envelope', async () => {
        const bytes = E.encodeEnvelope({ type: E.MessageType.HANDSHAKE, sender: 2, recipient: 1, payload: new Uint8Array([123, 125]) });
        r.expect('encoded', '0108000000020000000100000002' + '7b7d', toHex(bytes));
        const decoded = E.decodeEnvelope(bytes);
        r.expect('decoded type', 8, decoded.type);
        r.expect('decoded recipient', 1, decoded.recipient);
        const toEveryone = Uint8Array.from(bytes);
        toEveryone.set([0, 0, 0, 0], 6);
        await rejects(r, 'decode to everyone', 'MalformedEnvelopeError', (async () => E.decodeEnvelope(toEveryone))());
        await rejects(r, 'encode to everyone', 'RangeError',
          (async () => E.encodeEnvelope({ type: E.MessageType.HANDSHAKE, sender: 2, recipient: 0 }))());
        await rejects(r, 'encode 4097 bytes', 'RangeError',
          (async () => E.encodeEnvelope({ type: E.MessageType.HANDSHAKE, sender: 2, recipient: 1, payload: new Uint8Array(4097) }))());
        const long = E.encodeEnvelope({ type: E.MessageType.DATA, sender: 2, recipient: 1, payload: new Uint8Array(4097) });
        long[1] = E.MessageType.HANDSHAKE;
        await rejects(r, 'decode 4097 bytes', 'MalformedEnvelopeError', (async () => E.decodeEnvelope(long))());
      });
      return r.done();
    },

    // session.js over a scripted WebSocket: handshakes pass before any key, only from a present participant to us
    async sessionHandshake() {
      const { Session } = await load('session/session.js');
      const E = await load('protocol/envelope.js');
      const { toBase64Url, utf8 } = await load('protocol/bytes.js');
      const r = result();
      await guard(r, 'session handshake', async () => {
        const sockets = [];
        class ScriptedSocket extends EventTarget {
          readyState = 0;
          bufferedAmount = 0;
          sent = [];
          constructor() {
            super();
            sockets.push(this);
            setTimeout(() => {
              this.readyState = 1;
              this.dispatchEvent(new Event('open'));
            });
          }
          send(bytes) {
            this.sent.push(E.decodeEnvelope(bytes));
          }
          close() {
            this.readyState = 3;
          }
          deliver(type, sender, recipient, json) {
            const payload = utf8(typeof json === 'string' ? json : JSON.stringify(json));
            this.dispatchEvent(new MessageEvent('message', { data: E.encodeEnvelope({ type, sender, recipient, payload }).buffer }));
          }
        }
        const machine = '3b8f1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
        const session = new Session({ url: 'ws://127.0.0.1/relay', meetingId: machine, WebSocket: ScriptedSocket });
        const heard = [];
        session.addEventListener('handshake', (e) => heard.push(e.detail));
        await session.connect();
        const socket = sockets[0];
        const until = async (condition) => {
          for (let i = 0; i < 200 && !condition(); i++) await new Promise((done) => setTimeout(done, 5));
          return condition();
        };
        r.expect('JOIN sent', true, await until(() => socket.sent.length === 1));
        const p = (id, name, role) => ({ id, name, role, publicKey: toBase64Url(new Uint8Array(32).fill(id)) });
        socket.deliver(E.MessageType.ROSTER, 0, 2,
          { type: 'snapshot', you: 2, meetingId: machine, participants: [p(1, 'Office PC', 'organizer'), p(2, 'Olga', 'owner')] });
        socket.deliver(E.MessageType.HANDSHAKE, 1, 2, { t: 'srp-challenge', salt: 'AA' });
        socket.deliver(E.MessageType.HANDSHAKE, 1, 2, 'not json');
        socket.deliver(E.MessageType.HANDSHAKE, 9, 2, { t: 'from a stranger' });
        socket.deliver(E.MessageType.HANDSHAKE, 1, 5, { t: 'for someone else' });
        socket.deliver(E.MessageType.HANDSHAKE, 1, 2, { t: 'second' });
        r.expect('handshakes heard', 2, await until(() => heard.length === 2) && heard.length);
        r.expect('first from', 1, heard[0].from);
        r.expect('first message', 'srp-challenge', heard[0].message.t);
        r.expect('in order', 'second', heard[1].message.t);
        r.expect('dropped', 1 + 1 + 1, (session.dropped.get('malformed') ?? 0) + (session.dropped.get('unknown-sender') ?? 0)
          + (session.dropped.get('misrouted') ?? 0));
        r.expect('our public key', 32, session.publicKey.length);
        await session.sendHandshake(1, { t: 'srp-start', A: 'AQ' });
        const sent = socket.sent[socket.sent.length - 1];
        r.expect('sent type', E.MessageType.HANDSHAKE, sent.type);
        r.expect('sent to', 1, sent.recipient);
        r.expect('sent from', 2, sent.sender);
        r.expect('sent JSON', '{"t":"srp-start","A":"AQ"}', new TextDecoder().decode(sent.payload));
        await rejects(r, 'to a stranger', 'SessionError', session.sendHandshake(9, { t: 'x' }));
        await rejects(r, 'over 4 KiB', 'SessionError', session.sendHandshake(1, { t: 'x'.repeat(5000) }));
        r.expect('not admitted by any of it', false, session.admitted);
      });
      return r.done();
    },
  };
}
