// Checks run inside the page by ProtocolVectorsBrowserTest (and by Node for quick iteration).
// The file is one expression: a function of the modules' base URL returning named async checks.
// Each check takes the vectors' JSON text and returns {checked, failures}; a failure names the
// vector and shows expected vs actual, so a red test says what broke without a debugger.
(base) => {
  const load = (name) => import(base + name);
  // JSON numbers beyond 2^53 (SFrame counters up to 2^64-1) would lose precision: read them as text
  const parse = (text) => JSON.parse(text.replace(/(:\s*)(\d{16,})(?=\s*[,}\]])/g, '$1"$2"'));
  const big = (v) => BigInt(v);
  const num = (v) => Number(v);
  // the session id is the meeting UUID's 16 bytes; vectors may spell it as a UUID or as hex
  const sessionIdOf = (K, fromHex, v) => (String(v).includes('-') ? K.sessionIdFromUuid(v) : fromHex(v));
  const suiteOf = (v) => (typeof v === 'number' ? v : parseInt(String(v).replace(/^0x/i, ''), 16));
  const result = () => {
    const r = { checked: 0, failures: [] };
    r.expect = (what, expected, actual) => {
      if (expected !== actual) r.failures.push(`${what}: expected ${expected}, got ${actual}`);
    };
    r.refusal = async (what, expectedReason, promise) => {
      try {
        await promise;
        r.failures.push(`${what}: expected refusal "${expectedReason}", but it opened`);
      } catch (e) {
        const reason = e && e.name === 'SFrameError' ? e.reason : `unexpected ${e && e.name}: ${e && e.message}`;
        if (reason !== expectedReason) r.failures.push(`${what}: expected refusal "${expectedReason}", got "${reason}"`);
      }
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

  // RFC 9180 A.1: the key schedule's values, then every listed encryption (stepping through the
  // sequence numbers in between) and the exports, for a sender and a receiver context of either mode
  const expectSchedule = (r, what, v, s, toHex) => {
    r.expect(`${what} key_schedule_context`, v.key_schedule_context, toHex(s.keyScheduleContext));
    r.expect(`${what} secret`, v.secret, toHex(s.secret));
    r.expect(`${what} key`, v.key, toHex(s.key));
    r.expect(`${what} base_nonce`, v.base_nonce, toHex(s.baseNonce));
    r.expect(`${what} exporter_secret`, v.exporter_secret, toHex(s.exporterSecret));
  };
  const expectEncryptionsAndExports = async (r, what, v, sender, receiver, { toHex, fromHex, utf8 }) => {
    const bySeq = new Map(v.encryptions.map((e) => [e.seq ?? e.sequence_number, e]));
    const last = Math.max(...bySeq.keys());
    const pt = fromHex(v.encryptions[0].pt);
    for (let seq = 0; seq <= last; seq++) {
      // the RFC lists some sequence numbers; the contexts must step through all of them
      const aad = utf8(`Count-${seq}`);
      const ct = await sender.seal(aad, pt);
      const e = bySeq.get(seq);
      if (e) {
        r.expect(`${what} seq ${seq} aad`, e.aad, toHex(aad));
        r.expect(`${what} seq ${seq} ct`, e.ct, toHex(ct));
        r.expect(`${what} seq ${seq} opened pt`, e.pt, toHex(await receiver.open(fromHex(e.aad), fromHex(e.ct))));
      } else {
        await receiver.open(aad, ct);
      }
    }
    for (const x of v.exports) {
      r.expect(`${what} export "${x.exporter_context}"`, x.exported_value,
        toHex(await receiver.export(fromHex(x.exporter_context), x.L)));
    }
  };

  return {
    async sframeHeader(text) {
      const { encodeHeader, decodeHeader } = await load('sframe.js');
      const { toHex, fromHex } = await load('bytes.js');
      const r = result();
      for (const v of parse(text).header) {
        await guard(r, `header kid=${v.kid} ctr=${v.ctr}`, async () => {
          const what = `header kid=${v.kid} ctr=${v.ctr}`;
          r.expect(`${what} encoded`, v.encoded, toHex(encodeHeader(big(v.kid), big(v.ctr))));
          const d = decodeHeader(fromHex(v.encoded + 'ff'));
          r.expect(`${what} decoded kid`, String(v.kid), String(d.kid));
          r.expect(`${what} decoded ctr`, String(v.ctr), String(d.ctr));
          r.expect(`${what} decoded length`, v.encoded.length / 2, d.length);
        });
      }
      return r.done();
    },

    async sframeFrames(text, suite) {
      const S = await load('sframe.js');
      const { toHex, fromHex, concat, xor, uint } = await load('bytes.js');
      const r = result();
      for (const v of parse(text).sframe.filter((x) => suiteOf(x.cipher_suite) === suite)) {
        const what = `sframe suite ${suite} kid=${v.kid} ctr=${v.ctr}`;
        await guard(r, what, async () => {
          const kid = big(v.kid), ctr = big(v.ctr), baseKey = fromHex(v.base_key), metadata = fromHex(v.metadata);
          const derived = await S.deriveKeySalt(suite, kid, baseKey);
          r.expect(`${what} sframe_secret`, v.sframe_secret, toHex(derived.secret));
          r.expect(`${what} sframe_key`, v.sframe_key, toHex(derived.key));
          r.expect(`${what} sframe_salt`, v.sframe_salt, toHex(derived.salt));
          r.expect(`${what} nonce`, v.nonce, toHex(xor(derived.salt, uint(ctr, 12))));
          r.expect(`${what} aad`, v.aad, toHex(concat(S.encodeHeader(kid, ctr), metadata)));
          const key = await S.SFrameKey.derive(suite, kid, baseKey);
          r.expect(`${what} ct`, v.ct, toHex(await S.seal(key, ctr, fromHex(v.pt), metadata)));
          const opened = await S.open(fromHex(v.ct), () => key, metadata);
          r.expect(`${what} opened pt`, v.pt, toHex(opened.plaintext));
          await r.refusal(`${what} opened twice`, 'replay', S.open(fromHex(v.ct), () => key, metadata));
          await r.refusal(`${what} without its metadata`, 'bad-tag',
            S.open(fromHex(v.ct), async () => S.SFrameKey.derive(suite, kid, baseKey)));
        });
      }
      return r.done();
    },

    async hpke(text) {
      const H = await load('hpke.js');
      const { toHex, fromHex, utf8 } = await load('bytes.js');
      const r = result();
      const v = parse(text);
      const what = `hpke mode ${v.mode} kem ${v.kem_id} kdf ${v.kdf_id} aead ${v.aead_id}`;
      await guard(r, what, async () => {
        const info = fromHex(v.info);
        const derivedE = await H.deriveKeyPair(fromHex(v.ikmE));
        r.expect(`${what} DeriveKeyPair(ikmE) sk`, v.skEm, toHex(derivedE.rawPrivateKey));
        r.expect(`${what} DeriveKeyPair(ikmE) pk`, v.pkEm, toHex(derivedE.publicKey));
        const derivedR = await H.deriveKeyPair(fromHex(v.ikmR));
        r.expect(`${what} DeriveKeyPair(ikmR) sk`, v.skRm, toHex(derivedR.rawPrivateKey));
        const ephemeral = await H.importPrivateKey(fromHex(v.skEm));
        const recipient = await H.importPrivateKey(fromHex(v.skRm));
        r.expect(`${what} pkRm`, v.pkRm, toHex(recipient.publicKey));
        const { sharedSecret, enc } = await H.encap(recipient.publicKey, ephemeral);
        r.expect(`${what} enc`, v.enc, toHex(enc));
        r.expect(`${what} shared_secret (Encap)`, v.shared_secret, toHex(sharedSecret));
        r.expect(`${what} shared_secret (Decap)`, v.shared_secret, toHex(await H.decap(fromHex(v.enc), recipient)));
        expectSchedule(r, what, v, await H.scheduleValues(sharedSecret, info), toHex);
        const { enc: senderEnc, context: sender } = await H.setupBaseS(recipient.publicKey, info, ephemeral);
        r.expect(`${what} SetupBaseS enc`, v.enc, toHex(senderEnc));
        const receiver = await H.setupBaseR(fromHex(v.enc), recipient, info);
        await expectEncryptionsAndExports(r, what, v, sender, receiver, { toHex, fromHex, utf8 });
        let refused = false;
        try {
          await H.openBase(fromHex(v.enc), recipient, info, utf8('Count-0'), fromHex(v.encryptions[1].ct));
        } catch (e) {
          refused = e.name === 'HpkeError';
        }
        r.expect(`${what} a ciphertext opened under the wrong sequence number is refused`, true, refused);
      });
      return r.done();
    },

    async ratchet(text) {
      const K = await load('keyschedule.js');
      const { toHex, fromHex } = await load('bytes.js');
      const r = result();
      for (const [i, v] of parse(text).ratchet.entries()) {
        await guard(r, `ratchet[${i}]`, async () => {
          r.expect(`ratchet[${i}] to epoch ${v.nextEpoch}`, v.next, toHex(await K.ratchet(fromHex(v.secret), num(v.nextEpoch))));
        });
      }
      return r.done();
    },

    async senderKeys(text) {
      const K = await load('keyschedule.js');
      const S = await load('sframe.js');
      const { toHex, fromHex } = await load('bytes.js');
      const r = result();
      for (const [i, v] of parse(text).senderKeys.entries()) {
        const what = `senderKeys[${i}] suite ${v.suite} epoch ${v.epoch} sender ${v.sender}`;
        await guard(r, what, async () => {
          const suite = suiteOf(v.suite);
          const kid = K.kidOf(num(v.epoch), num(v.sender));
          r.expect(`${what} kid`, String(big(v.kid)), String(kid));
          const baseKey = await K.senderBaseKey(suite, fromHex(v.secret), num(v.epoch), num(v.sender));
          r.expect(`${what} baseKey`, v.baseKey, toHex(baseKey));
          const d = await S.deriveKeySalt(suite, kid, baseKey);
          r.expect(`${what} sframeKey`, v.sframeKey, toHex(d.key));
          r.expect(`${what} sframeSalt`, v.sframeSalt, toHex(d.salt));
        });
      }
      return r.done();
    },

    async frames(text) {
      const K = await load('keyschedule.js');
      const S = await load('sframe.js');
      const { SessionKeys } = await load('session-keys.js');
      const { toHex, fromHex } = await load('bytes.js');
      const r = result();
      for (const [i, v] of parse(text).frames.entries()) {
        const what = `frames[${i}] suite ${v.suite} epoch ${v.epoch} sender ${v.sender} ctr ${v.ctr}`;
        await guard(r, what, async () => {
          const suite = suiteOf(v.suite), epoch = num(v.epoch), sender = num(v.sender), metadata = fromHex(v.metadata ?? '');
          const key = await K.senderKey(suite, fromHex(v.secret), epoch, sender);
          r.expect(`${what} sealed frame`, v.frame, toHex(await S.seal(key, big(v.ctr), fromHex(v.plaintext), metadata)));
          const receiver = new SessionKeys({ ownId: sender === 1 ? 2 : 1, suite });
          receiver.install(epoch, fromHex(v.secret));
          const opened = await receiver.open(fromHex(v.frame), sender, metadata);
          r.expect(`${what} opened plaintext`, v.plaintext, toHex(opened.plaintext));
          r.expect(`${what} opened ctr`, String(big(v.ctr)), String(opened.ctr));
          await r.refusal(`${what} replayed`, 'replay', receiver.open(fromHex(v.frame), sender, metadata));
        });
      }
      return r.done();
    },

    async hpkeAuth(text) {
      const H = await load('hpke.js');
      const { toHex, fromHex, utf8 } = await load('bytes.js');
      const r = result();
      const v = parse(text);
      const what = `hpke mode ${v.mode} kem ${v.kem_id} kdf ${v.kdf_id} aead ${v.aead_id}`;
      await guard(r, what, async () => {
        r.expect(`${what} is auth mode`, H.Mode.AUTH, v.mode);
        const info = fromHex(v.info);
        const ephemeral = await H.importPrivateKey(fromHex(v.skEm));
        const recipient = await H.importPrivateKey(fromHex(v.skRm));
        const sender = await H.importPrivateKey(fromHex(v.skSm));
        r.expect(`${what} pkSm`, v.pkSm, toHex(sender.publicKey));
        r.expect(`${what} DeriveKeyPair(ikmS) sk`, v.skSm, toHex((await H.deriveKeyPair(fromHex(v.ikmS))).rawPrivateKey));
        const { sharedSecret, enc } = await H.authEncap(recipient.publicKey, sender, ephemeral);
        r.expect(`${what} enc`, v.enc, toHex(enc));
        r.expect(`${what} shared_secret (AuthEncap)`, v.shared_secret, toHex(sharedSecret));
        r.expect(`${what} shared_secret (AuthDecap)`, v.shared_secret, toHex(await H.authDecap(fromHex(v.enc), recipient, sender.publicKey)));
        expectSchedule(r, what, v, await H.scheduleValues(sharedSecret, info, H.Mode.AUTH), toHex);
        const { context: senderContext } = await H.setupAuthS(recipient.publicKey, info, sender, ephemeral);
        const receiver = await H.setupAuthR(fromHex(v.enc), recipient, info, sender.publicKey);
        await expectEncryptionsAndExports(r, what, v, senderContext, receiver, { toHex, fromHex, utf8 });
        let refused = false;
        try {
          await H.openAuth(fromHex(v.enc), recipient, info, fromHex(v.encryptions[0].aad), fromHex(v.encryptions[0].ct), ephemeral.publicKey);
        } catch (e) {
          refused = e.name === 'HpkeError';
        }
        r.expect(`${what} the same ciphertext as sealed by anyone else is refused`, true, refused);
      });
      return r.done();
    },

    async keyDelivery(text) {
      const K = await load('keyschedule.js');
      const H = await load('hpke.js');
      const { toHex, fromHex } = await load('bytes.js');
      const r = result();
      for (const [i, v] of parse(text).keyDelivery.entries()) {
        const what = `keyDelivery[${i}] epoch ${v.epoch} recipient ${v.recipientId}`;
        await guard(r, what, async () => {
          const sessionId = sessionIdOf(K, fromHex, v.sessionId), epoch = num(v.epoch), recipientId = num(v.recipientId);
          const recipient = await H.importPrivateKey(fromHex(v.recipientPrivateKey));
          const sender = await H.importPrivateKey(fromHex(v.senderPrivateKey));
          r.expect(`${what} recipient public key`, v.recipientPublicKey, toHex(recipient.publicKey));
          r.expect(`${what} sender public key`, v.senderPublicKey, toHex(sender.publicKey));
          r.expect(`${what} info`, v.info, toHex(K.keyInfo(sessionId, epoch, recipientId, fromHex(v.recipientPublicKey))));
          const senderPublicKey = fromHex(v.senderPublicKey);
          const opened = await K.openEpochSecret({ sessionId, recipientId, recipient, senderPublicKey, payload: fromHex(v.payload) });
          r.expect(`${what} epoch in payload`, epoch, opened.epoch);
          r.expect(`${what} secret`, v.secret, toHex(opened.secret));
          const refused = async (delivery) => {
            try {
              await K.openEpochSecret({ sessionId, recipientId, recipient, senderPublicKey, payload: fromHex(v.payload), ...delivery });
              return false;
            } catch (e) {
              return e.name === 'KeyDeliveryError';
            }
          };
          r.expect(`${what} redirected to another participant id is refused`, true, await refused({ recipientId: recipientId === 1 ? 2 : 1 }));
          r.expect(`${what} as sealed by anyone but the keyholder is refused`, true, await refused({ senderPublicKey: recipient.publicKey }));
          const resealed = await K.sealEpochSecret({ sessionId, epoch, recipientId, recipientPublicKey: recipient.publicKey, secret: opened.secret, sender });
          const again = await K.openEpochSecret({ sessionId, recipientId, recipient, senderPublicKey, payload: resealed });
          r.expect(`${what} sealed in the browser opens as the keyholder's`, v.secret, toHex(again.secret));
        });
      }
      return r.done();
    },

    async admission(text) {
      const K = await load('keyschedule.js');
      const { toHex, fromHex } = await load('bytes.js');
      const r = result();
      for (const [i, v] of parse(text).admission.entries()) {
        await guard(r, `admission[${i}]`, async () => {
          const k = fromHex(v.k), sessionId = sessionIdOf(K, fromHex, v.sessionId), pk = fromHex(v.publicKey);
          r.expect(`admission[${i}] proof`, v.proof, toHex(await K.admissionProof(k, sessionId, pk)));
          r.expect(`admission[${i}] verifies`, true, await K.verifyAdmissionProof(k, sessionId, pk, fromHex(v.proof)));
          const forged = fromHex(v.proof);
          forged[0] ^= 1;
          r.expect(`admission[${i}] a changed proof is refused`, false, await K.verifyAdmissionProof(k, sessionId, pk, forged));
        });
      }
      return r.done();
    },

    async verification(text) {
      const K = await load('keyschedule.js');
      const { fromHex } = await load('bytes.js');
      const r = result();
      for (const [i, v] of parse(text).verification.entries()) {
        await guard(r, `verification[${i}]`, async () => {
          const keys = v.publicKeys.map(fromHex);
          r.expect(`verification[${i}] code`, v.code, await K.verificationCode(fromHex(v.secret), keys));
          r.expect(`verification[${i}] code with keys reversed`, v.code, await K.verificationCode(fromHex(v.secret), [...keys].reverse()));
        });
      }
      return r.done();
    },

    async roundTrip() {
      const K = await load('keyschedule.js');
      const H = await load('hpke.js');
      const { SessionKeys } = await load('session-keys.js');
      const { utf8, toHex } = await load('bytes.js');
      const r = result();
      const text = (bytes) => new TextDecoder().decode(bytes);
      await guard(r, 'round trip', async () => {
        const sessionId = K.sessionIdFromUuid('6f1c2a90-4b7e-4d3a-9c55-0e8f2b7d1a34');
        const host = new SessionKeys({ ownId: 1 });
        const guest = new SessionKeys({ ownId: 2 });
        const guestPair = await H.generateKeyPair();
        const hostPair = await H.generateKeyPair();
        const deliver = async (to, id, pair, { epoch, secret }) => {
          const payload = await K.sealEpochSecret({ sessionId, epoch, recipientId: id, recipientPublicKey: pair.publicKey, secret, sender: hostPair });
          r.expect('KEY payload length', K.KEY_PAYLOAD_LENGTH, payload.length);
          const opened = await K.openEpochSecret({ sessionId, recipientId: id, recipient: pair, senderPublicKey: hostPair.publicKey, payload });
          to.install(opened.epoch, opened.secret);
        };
        await deliver(guest, 2, guestPair, host.rotate());
        r.expect('guest epoch after the first KEY', 0, guest.epoch);
        const hello = await host.seal(utf8('hello from the host'));
        r.expect('host frame opens at the guest', 'hello from the host', text((await guest.open(hello, 1)).plaintext));
        const reply = await guest.seal(utf8('hello from the guest'));
        r.expect('guest frame opens at the host', 'hello from the guest', text((await host.open(reply, 2)).plaintext));
        r.expect('verification codes agree', await host.verificationCode([guestPair.publicKey]), await guest.verificationCode([guestPair.publicKey]));

        // concurrent seals take distinct counters, so every frame opens exactly once
        const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => host.seal(utf8(`frame ${i}`))));
        const opened = await Promise.all(burst.map((f) => guest.open(f, 1)));
        r.expect('40 concurrent frames have 40 distinct counters', 40, new Set(opened.map((o) => String(o.ctr))).size);
        const fresh = await host.seal(utf8('once'));
        const twice = await Promise.allSettled([guest.open(fresh, 1), guest.open(fresh, 1)]);
        r.expect('the same frame opened twice at once opens once', 1, twice.filter((o) => o.status === 'fulfilled').length);
        r.expect('and the other is refused as a replay', 'replay', twice.find((o) => o.status === 'rejected')?.reason?.reason);

        // a join ratchets: the old epoch still opens (frames in flight), two epochs back does not
        const carolPair = await H.generateKeyPair();
        const carol = new SessionKeys({ ownId: 3 });
        const joined = await host.ratchetForJoin();
        await deliver(guest, 2, guestPair, joined);
        await deliver(carol, 3, carolPair, joined);
        r.expect('epoch after a join', 1, carol.epoch);
        const inFlight = await guest.seal(utf8('sent in epoch 1'));
        r.expect('the newcomer reads the new epoch', 'sent in epoch 1', text((await carol.open(inFlight, 2)).plaintext));
        await r.refusal('the newcomer cannot read the epoch before it joined', 'unknown-epoch', carol.open(reply, 2));
        const rotated = host.rotate();
        await deliver(guest, 2, guestPair, rotated);
        r.expect('epoch after a leave', 2, guest.epoch);
        r.expect('a rotated secret is not the ratchet of the previous one', false,
          toHex(rotated.secret) === toHex(await K.ratchet(joined.secret, 2)));
        const late = await carol.seal(utf8('carol, removed, still sending in epoch 1'));
        r.expect('the previous epoch still opens', 'carol, removed, still sending in epoch 1', text((await guest.open(late, 3)).plaintext));
        await r.refusal('two epochs back is unknown', 'unknown-epoch', guest.open(hello, 1));
        const lateAgain = await carol.seal(utf8('carol, after the grace period'));
        guest.forgetPrevious();
        await r.refusal('the previous epoch once forgotten is unknown', 'unknown-epoch', guest.open(lateAgain, 3));
        r.expect('the current epoch survives forgetPrevious', 'still here',
          text((await guest.open(await host.seal(utf8('still here')), 1)).plaintext));
      });
      return r.done();
    },

    async tamper() {
      const { SessionKeys } = await load('session-keys.js');
      const { utf8 } = await load('bytes.js');
      const r = result();
      await guard(r, 'tamper', async () => {
        const secret = crypto.getRandomValues(new Uint8Array(32));
        const alice = new SessionKeys({ ownId: 7 });
        alice.install(5, secret);
        const frame = await alice.seal(utf8('transfer 100 EUR to Bob'));
        const headerLength = frame.length - 16 - 'transfer 100 EUR to Bob'.length;
        for (let i = 0; i < frame.length; i++) {
          for (const bit of [0x01, 0x80]) {
            const bob = new SessionKeys({ ownId: 8 });
            bob.install(5, secret);
            const changed = frame.slice();
            changed[i] ^= bit;
            try {
              await bob.open(changed, 7);
              r.failures.push(`byte ${i} ^ ${bit}: a changed frame opened`);
            } catch (e) {
              const ok = e.name === 'SFrameError' && (i >= headerLength ? e.reason === 'bad-tag'
                : ['bad-tag', 'truncated', 'malformed', 'unknown-epoch', 'sender-mismatch'].includes(e.reason));
              if (!ok) r.failures.push(`byte ${i} ^ ${bit}: refused with ${e.name} "${e.reason ?? e.message}"`);
            }
          }
        }
        const bob = new SessionKeys({ ownId: 8 });
        bob.install(5, secret);
        await r.refusal('cut to the header and 15 bytes', 'truncated', bob.open(frame.slice(0, headerLength + 15), 7));
        await r.refusal('cut by one byte', 'bad-tag', bob.open(frame.slice(0, frame.length - 1), 7));
        await r.refusal('empty', 'truncated', bob.open(new Uint8Array(0), 7));
        await r.refusal('with metadata it was not sealed with', 'bad-tag', bob.open(frame, 7, utf8('meta')));
        await r.refusal('relayed as coming from someone else', 'sender-mismatch', bob.open(frame, 9));
        await r.refusal('relayed as coming from the server', 'sender-mismatch', bob.open(frame, 0));
        const stranger = new SessionKeys({ ownId: 8 });
        stranger.install(5, crypto.getRandomValues(new Uint8Array(32)));
        await r.refusal('opened with another secret for the same epoch', 'bad-tag', stranger.open(frame, 7));
        const r2 = await bob.open(frame, 7);
        r.expect('the untouched frame still opens after all refusals', 'transfer 100 EUR to Bob', new TextDecoder().decode(r2.plaintext));
      });
      return r.done();
    },

    async replayWindow() {
      const S = await load('sframe.js');
      const { utf8 } = await load('bytes.js');
      const r = result();
      await guard(r, 'replay window', async () => {
        const baseKey = crypto.getRandomValues(new Uint8Array(32));
        const sender = await S.SFrameKey.derive(0x0004, 0x10007n, baseKey);
        const receiver = await S.SFrameKey.derive(0x0004, 0x10007n, baseKey);
        const frames = new Map();
        const frame = async (ctr) => {
          if (!frames.has(ctr)) frames.set(ctr, await S.seal(sender, BigInt(ctr), utf8(`#${ctr}`)));
          return frames.get(ctr);
        };
        const accept = async (ctr, what) => {
          try {
            const o = await S.open(await frame(ctr), () => receiver);
            r.expect(`${what}: counter`, String(ctr), String(o.ctr));
          } catch (e) {
            r.failures.push(`${what}: refused "${e.reason ?? e.message}"`);
          }
        };
        const refuse = async (ctr, reason, what) => r.refusal(what, reason, S.open(await frame(ctr), () => receiver));
        await accept(200, 'first frame, counter 200');
        await refuse(200, 'replay', 'counter 200 again');
        await accept(73, 'counter 73, the oldest still in the window of 128');
        await refuse(72, 'too-old', 'counter 72, just below the window');
        await accept(150, 'counter 150, out of order within the window');
        await refuse(150, 'replay', 'counter 150 again');
        await accept(201, 'counter 201, the next one');
        await refuse(73, 'too-old', 'counter 73 after the window moved on');
        await accept(1000, 'counter 1000, far ahead');
        await refuse(201, 'too-old', 'counter 201 after the jump');
        await accept(999, 'counter 999, just behind');
        await refuse(1000, 'replay', 'counter 1000 again');
        await accept(873, 'counter 873, the window edge');
        // a forged frame with a fresh counter must not move the window
        const forged = (await frame(5000)).slice();
        forged[forged.length - 1] ^= 1;
        await r.refusal('forged counter 5000', 'bad-tag', S.open(forged, () => receiver));
        await accept(998, 'counter 998 after a forged far-ahead frame');
        await accept(5000, 'the genuine counter 5000');
        const max = (1n << 64n) - 1n;
        const top = await S.seal(sender, max, utf8('last'));
        r.expect('counter 2^64-1 opens', String(max), String((await S.open(top, () => receiver)).ctr));
      });
      return r.done();
    },

    async fuzz(seed, rounds) {
      const S = await load('sframe.js');
      const { SessionKeys } = await load('session-keys.js');
      const { utf8, toHex } = await load('bytes.js');
      const r = result();
      // mulberry32: a small seeded PRNG, so a failure names a seed that reproduces it
      let state = seed >>> 0;
      const random = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const int = (n) => Math.floor(random() * n);
      const reasons = new Set(Object.values(S.Refusal));
      const secret = new Uint8Array(32).fill(0x5a);
      const sender = new SessionKeys({ ownId: 3 });
      sender.install(2, secret);
      const valid = [];
      for (let i = 0; i < 8; i++) valid.push(await sender.seal(utf8(`frame ${i} `.repeat(i))));
      const seen = new Set(valid.map(toHex));
      for (let round = 0; round < rounds; round++) {
        let candidate;
        const kind = int(4);
        if (kind === 0) {
          candidate = crypto.getRandomValues(new Uint8Array(int(64)));
          for (let i = 0; i < candidate.length; i++) candidate[i] = int(256);
        } else {
          candidate = valid[int(valid.length)].slice();
          if (kind === 1) for (let n = 1 + int(3); n > 0; n--) candidate[int(candidate.length)] ^= 1 << int(8);
          if (kind === 2) candidate = candidate.slice(0, int(candidate.length + 1));
          if (kind === 3) {
            candidate[0] = int(256);
            candidate = Uint8Array.from([...candidate, ...Array.from({ length: int(4) }, () => int(256))]);
          }
        }
        const receiver = new SessionKeys({ ownId: 4 });
        receiver.install(2, secret);
        const claimedSender = [3, 3, 3, 0, 65535, int(65536)][int(6)];
        try {
          await receiver.open(candidate, claimedSender);
          if (!seen.has(toHex(candidate))) r.failures.push(`seed ${seed} round ${round}: a frame never sealed opened: ${toHex(candidate)}`);
        } catch (e) {
          if (!(e instanceof S.SFrameError) || !reasons.has(e.reason)) {
            r.failures.push(`seed ${seed} round ${round}: open threw ${e && e.name} "${e && e.message}" for ${toHex(candidate)}`);
          }
        }
        r.checked++;
      }
      // a key resolver that breaks is still reported as a refusal, not as its own exception
      try {
        await S.open(valid[0], () => { throw new TypeError('resolver bug'); });
        r.failures.push('a throwing resolver let the frame open');
      } catch (e) {
        if (!(e instanceof S.SFrameError)) r.failures.push(`a throwing resolver escaped as ${e.name}`);
      }
      for (const junk of [null, undefined, 'frame', 42, {}, [1, 2, 3]]) {
        try {
          await S.open(junk, () => undefined);
          r.failures.push(`${String(junk)} opened`);
        } catch (e) {
          if (!(e instanceof S.SFrameError)) r.failures.push(`open(${String(junk)}) threw ${e && e.name}`);
        }
      }
      return r.done();
    },
  };
}
