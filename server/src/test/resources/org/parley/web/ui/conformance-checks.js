// The browser client's half of the conformance suite (protocol/src/test/resources/conformance/session-cases.json),
// run in the page by SessionConformanceBrowserTest; the Java client runs the same file in SessionConformanceTest.
// Each case drives the real js/session/session.js over a scripted WebSocket: simulated peers seal with their
// own keys, and what the session sends and reports is described in the same words the Java runner uses.
(base) => {
  const load = (name) => import(base + name);

  // A WebSocket the script plays: it records what the session sends and delivers what the script feeds.
  class ScriptedSocket extends EventTarget {
    static last = null;
    binaryType = 'blob';
    readyState = 0;
    bufferedAmount = 0;
    sent = [];
    constructor(url) {
      super();
      this.url = url;
      ScriptedSocket.last = this;
      queueMicrotask(() => {
        this.readyState = 1;
        this.dispatchEvent(new Event('open'));
      });
    }
    send(bytes) {
      this.sent.push(new Uint8Array(bytes));
    }
    close() {
      this.readyState = 3;
    }
    feed(bytes) {
      const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      this.dispatchEvent(new MessageEvent('message', { data }));
    }
  }

  return {
    // conformance/wire.json: envelope bytes and DATA plaintexts, read and written as Java does
    async wire(text) {
      const { MessageType, encodeEnvelope, decodeEnvelope } = await load('protocol/envelope.js');
      const { decodeContent } = await load('session/content.js');
      const { toHex, fromHex, utf8, concat } = await load('protocol/bytes.js');
      const wire = JSON.parse(text);
      const result = { checked: 0, failures: [] };
      const fail = (what) => result.failures.push(what);
      for (const v of wire.envelopes) {
        const what = `envelope ${v.type} ${v.sender}→${v.recipient}`;
        try {
          const bytes = encodeEnvelope({ type: MessageType[v.type], sender: v.sender, recipient: v.recipient, payload: fromHex(v.payload) });
          if (toHex(bytes) !== v.bytes) fail(`${what}: encoded ${toHex(bytes)}, expected ${v.bytes}`);
          const e = decodeEnvelope(fromHex(v.bytes));
          if (e.type !== MessageType[v.type] || e.sender !== v.sender || e.recipient !== v.recipient || toHex(e.payload) !== v.payload) {
            fail(`${what}: decoded ${JSON.stringify({ ...e, payload: toHex(e.payload) })}`);
          }
        } catch (e) {
          fail(`${what}: threw ${e.name}: ${e.message}`);
        }
        result.checked++;
      }
      for (const v of wire.malformedEnvelopes) {
        try {
          decodeEnvelope(fromHex(v.bytes));
          fail(`${v.why}: decoded, expected a refusal`);
        } catch (e) {
          if (e.name !== 'MalformedEnvelopeError') fail(`${v.why}: threw ${e.name}, expected MalformedEnvelopeError`);
        }
        result.checked++;
      }
      for (const v of wire.content) {
        const body = v.json !== undefined ? utf8(JSON.stringify(v.json)) : fromHex(v.raw);
        let outcome;
        try {
          const c = decodeContent(concat(Uint8Array.of(v.kind), body));
          if (c.kind === 'members') outcome = JSON.stringify({ members: { epoch: c.epoch, keyholder: c.keyholder, members: c.members } });
          else if (c.kind === 'chat') outcome = JSON.stringify({ chat: c.text });
          else if (c.kind === 'screen') outcome = JSON.stringify({ screen: c.code });
          else outcome = 'ignored';
        } catch (e) {
          outcome = e.name === 'MalformedContentError' ? 'malformed' : `threw ${e.name}`;
        }
        const expected = typeof v.expect === 'string' ? v.expect : JSON.stringify(v.expect);
        if (outcome !== expected) fail(`content "${v.why}": read ${outcome.slice(0, 120)}, expected ${expected.slice(0, 120)}`);
        result.checked++;
      }
      return result;
    },

    async conformance(text) {
      const { Session } = await load('session/session.js');
      const { MessageType, encodeEnvelope, decodeEnvelope } = await load('protocol/envelope.js');
      const K = await load('protocol/keyschedule.js');
      const H = await load('protocol/hpke.js');
      const S = await load('protocol/sframe.js');
      const { encodeChat, encodeMembers, decodeContent } = await load('session/content.js');
      const { fromHex, toBase64Url, utf8, readUint, concat } = await load('protocol/bytes.js');
      const SUITE = S.CipherSuite.AES_128_GCM_SHA256_128;
      const suite = JSON.parse(text);
      const meetingId = suite.meetingId;
      const sessionId = K.sessionIdFromUuid(meetingId);
      const result = { checked: 0, failures: [] };
      const typeName = Object.fromEntries(Object.entries(MessageType).map(([name, code]) => [code, name]));
      const sorted = (ids) => [...ids].sort((a, b) => a - b).join(',');
      const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
      const sameBag = (a, b) => sameList([...a].sort(), [...b].sort());

      for (const scenario of suite.cases) {
        const you = scenario.you.id;
        const roles = new Map([[you, scenario.you.role], ...scenario.peers.map((p) => [p.id, p.role])]);
        const peerKeys = new Map();
        for (const p of scenario.peers) peerKeys.set(p.id, await H.generateKeyPair());
        const counters = new Map();
        const learned = new Map(); // epoch → secret the session delivered
        const given = new Map(); // epoch → secrets the peers sent
        const fed = [];
        const session = new Session({ url: 'ws://127.0.0.1/relay', meetingId, WebSocket: ScriptedSocket });
        await session.connect();
        const socket = ScriptedSocket.last;
        await new Promise((resolve) => setTimeout(resolve, 0)); // the socket opens: JOIN goes out
        socket.sent.length = 0;
        const ours = session.publicKey;
        const secretOf = (name) => (name.startsWith('@') ? learned.get(Number(name.slice(1))) : fromHex(suite.secrets[name]));
        const keyOf = (id) => (id === you ? ours : peerKeys.get(id).publicKey);
        const vouched = new Map(scenario.peers.filter((p) => p.vouched !== undefined).map((p) => [p.id, p.vouched]));
        const entry = (id) => ({
          id, name: `P${id}`, role: roles.get(id), publicKey: toBase64Url(keyOf(id)), ...(vouched.has(id) ? { vouched: vouched.get(id) } : {}),
        });
        const envelope = (type, sender, recipient, payload) => encodeEnvelope({ type, sender, recipient, payload });
        const json = (value) => utf8(JSON.stringify(value));

        const frame = async (d) => {
          const plaintext = d.content !== undefined ? concat(Uint8Array.of(d.content.kind), fromHex(d.content.hex))
            : d.chat !== undefined ? encodeChat(d.chat, new Date('2026-12-07T10:00:00Z')) : encodeMembers(d.members);
          const counter = `${d.from}/${d.epoch}`;
          const ctr = counters.get(counter) ?? 0n;
          counters.set(counter, ctr + 1n);
          return S.seal(await K.senderKey(SUITE, secretOf(d.secret), d.epoch, d.from), ctr, plaintext);
        };

        const act = async (action) => {
          const [verb, arg] = Object.entries(action)[0];
          switch (verb) {
            case 'snapshot':
              return envelope(MessageType.ROSTER, 0, you, json({ type: 'snapshot', you, meetingId, participants: [you, ...arg].map(entry) }));
            case 'joined': {
              // a number, or {id, key: 'fresh' | 'of m'}: a server re-announcing someone with another key
              if (typeof arg === 'number') return envelope(MessageType.ROSTER, 0, you, json({ type: 'joined', participant: entry(arg) }));
              if (arg.key === 'fresh') peerKeys.set(arg.id, await H.generateKeyPair());
              const participant = arg.key === 'fresh' ? entry(arg.id)
                : { ...entry(arg.id), publicKey: toBase64Url(keyOf(Number(arg.key.slice('of '.length)))) };
              return envelope(MessageType.ROSTER, 0, you, json({ type: 'joined', participant }));
            }
            case 'left':
              return envelope(MessageType.ROSTER, 0, you, json({ type: 'left', id: arg }));
            case 'admit':
              return envelope(MessageType.ADMIT, arg, you, new Uint8Array(0));
            case 'key': {
              const secret = secretOf(arg.secret);
              if (!given.has(arg.epoch)) given.set(arg.epoch, []);
              given.get(arg.epoch).push(secret);
              const sender = peerKeys.get(arg.sealedBy ?? arg.from);
              const payload = await K.sealEpochSecret({ sessionId, epoch: arg.epoch, recipientId: you, recipientPublicKey: ours, secret, sender });
              return envelope(MessageType.KEY, arg.from, you, payload);
            }
            case 'data':
              return envelope(MessageType.DATA, arg.from, arg.to ?? 0, await frame(arg));
            case 'media': {
              const frameBytes = await frame(arg);
              return envelope(MessageType.MEDIA, arg.from, arg.to ?? 0, concat(Uint8Array.of(arg.mark), frameBytes));
            }
            case 'replay':
              return fed[arg];
            case 'raw':
              return envelope(MessageType[arg.type], arg.from, arg.to ?? 0, arg.json === undefined ? new Uint8Array(0) : json(arg.json));
            case 'sendChat':
              try {
                await session.sendChat(arg);
                return null;
              } catch (refused) {
                return 'refused';
              }
            case 'admitPeer':
              await session.admit(arg);
              return null;
            default:
              throw new Error(`unknown step ${verb}`);
          }
        };

        const describeData = async (bytes) => {
          let epoch;
          try {
            epoch = Number(S.decodeHeader(bytes).kid >> 16n);
          } catch {
            return 'malformed';
          }
          const candidates = [...(given.get(epoch) ?? []), ...(learned.has(epoch) ? [learned.get(epoch)] : [])];
          for (const secret of candidates) {
            try {
              const key = await K.senderKey(SUITE, secret, epoch, you);
              const c = decodeContent((await S.open(bytes, () => key)).plaintext);
              if (c.kind === 'members') return `${epoch} members ${c.epoch} by ${c.keyholder}: ${sorted(c.members)}`;
              if (c.kind === 'chat') return `${epoch} chat ${c.text}`;
              return `${epoch} kind ${c.code}`;
            } catch {
              // a forged secret for the same epoch: try the next
            }
          }
          return `${epoch} unreadable`;
        };

        const sends = async () => {
          const out = [];
          for (const bytes of socket.sent) {
            const e = decodeEnvelope(bytes);
            // README §12: acknowledging media is flow control between a browser and the relay, not a
            // session rule (the Java client does not acknowledge): the cases say nothing of it
            if (e.type === MessageType.MEDIA_ACK) continue;
            const to = `${typeName[e.type]} to ${e.recipient}`;
            if (e.type === MessageType.KEY) {
              try {
                const opened = await K.openEpochSecret({
                  sessionId, recipientId: e.recipient, recipient: peerKeys.get(e.recipient), senderPublicKey: ours, payload: e.payload,
                });
                learned.set(opened.epoch, opened.secret);
                out.push(`${to} epoch ${opened.epoch}`);
              } catch {
                out.push(`${to} epoch ${Number(readUint(e.payload, 0, 8))} (does not open)`);
              }
            } else if (e.type === MessageType.DATA) {
              out.push(`${to} epoch ${await describeData(e.payload)}`);
            } else {
              out.push(to);
            }
          }
          socket.sent.length = 0;
          return out;
        };

        const expectedCode = async (code) => {
          if (code === null) return null;
          return K.verificationCode(secretOf(code.secret), code.members.map(keyOf));
        };

        let failed = null;
        const chats = [];
        session.addEventListener('chat', (event) => {
          if (!event.detail.own) chats.push(`chat from ${event.detail.from}: ${event.detail.text}`);
        });
        session.addEventListener('media-dropped', (event) => chats.push(`media dropped from ${event.detail.from} stream ${event.detail.stream}`));
        session.addEventListener('content', (event) => chats.push(`content ${event.detail.kind} from ${event.detail.from}`));
        try {
          for (const [index, step] of scenario.steps.entries()) {
            const before = {
              dropped: new Map(session.dropped),
              epoch: session.roster.members?.epoch ?? null,
              waiting: session.keyholder ? new Set(session.roster.waiting().map((p) => p.id)) : new Set(),
              admittedBy: session.admittedBy,
            };
            chats.length = 0;
            const outcome = await act(step.do);
            const events = outcome === 'refused' ? ['refused'] : [];
            if (outcome instanceof Uint8Array) {
              fed[index] = outcome;
              socket.feed(outcome);
            } else {
              fed[index] = null;
            }
            // twice: a task the first one queued (the organizer's start) runs behind it
            await session.settled();
            await session.settled();
            for (const [reason, count] of session.dropped) {
              for (let i = before.dropped.get(reason) ?? 0; i < count; i++) events.push(`drop ${reason}`);
            }
            const m = session.roster.members;
            if (m !== null && m.epoch !== before.epoch) events.push(`members ${m.epoch} by ${m.keyholder}: ${sorted(m.members)}`);
            if (session.keyholder) {
              for (const p of session.roster.waiting()) if (!before.waiting.has(p.id)) events.push(`waiting ${p.id}`);
            }
            if (before.admittedBy === null && session.admittedBy !== null) events.push(`admitted by ${session.admittedBy}`);
            events.push(...chats);
            const where = `${scenario.name}: step ${index} ${JSON.stringify(step.do)}`;
            const sent = await sends();
            if (!sameList(sent, step.sends ?? [])) {
              failed = `${where}: sent ${JSON.stringify(sent)}, expected ${JSON.stringify(step.sends ?? [])}`;
              break;
            }
            if (!sameBag(events, step.events ?? [])) {
              failed = `${where}: reported ${JSON.stringify(events)}, expected ${JSON.stringify(step.events ?? [])}`;
              break;
            }
            if ('code' in step) {
              const expected = await expectedCode(step.code);
              if (session.code !== expected) {
                failed = `${where}: shows code ${session.code}, expected ${expected}`;
                break;
              }
            }
          }
        } catch (e) {
          failed = `${scenario.name}: threw ${e && e.name}: ${e && e.message}`;
        }
        session.leave();
        socket.dispatchEvent(new CloseEvent('close', { code: 1000, reason: 'left' }));
        if (failed !== null) result.failures.push(failed);
        result.checked++;
      }
      return result;
    },
  };
}
