// Checks run inside the page by MediaBrowserTest. The file is one expression: a function of the
// /js/session/media/ base URL returning named async checks, each answering {checked, failures}.
(base) => ({
  // every body a hostile member could send is refused with MalformedMediaError, never half-read
  async refusals() {
    const f = await import(base + 'media-format.js');
    const failures = [];
    let checked = 0;
    const bytes = (...b) => Uint8Array.from(b);
    const json = (v) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
    const camera = (layer, codec, w, h, chunk) => {
      const c = new TextEncoder().encode(codec);
      const body = new Uint8Array(16 + c.length + chunk);
      const v = new DataView(body.buffer);
      v.setUint8(0, 1); v.setUint8(1, layer); v.setUint16(10, c.length); body.set(c, 12);
      v.setUint16(12 + c.length, w); v.setUint16(14 + c.length, h);
      return body;
    };
    const refused = [
      ['audio shorter than its header', () => f.parseAudio(bytes(0, 0, 0, 1))],
      ['audio packet over 1275 bytes', () => f.parseAudio(new Uint8Array(12 + 1276))],
      ['camera without a header', () => f.parseCameraChunk(bytes(1, 0))],
      ['camera layer 2', () => f.parseCameraChunk(camera(2, 'vp8', 640, 360, 10))],
      ['camera codec with a space', () => f.parseCameraChunk(camera(0, 'vp 8', 640, 360, 10))],
      ['camera 65535 wide', () => f.parseCameraChunk(camera(0, 'vp8', 65535, 360, 10))],
      ['camera without a chunk', () => f.parseCameraChunk(camera(0, 'vp8', 640, 360, 0))],
      ['camera codec length past the end', () => f.parseCameraChunk(bytes(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1))],
      ['state not JSON', () => f.parseState(json('{'))],
      ['state mic "shouting"', () => f.parseState(json({ mic: 'shouting', camera: false }))],
      ['state camera "yes"', () => f.parseState(json({ mic: 'on', camera: 'yes' }))],
      ['state an array', () => f.parseState(json([]))],
      ['key request of layer 7', () => f.parseKeyRequest(bytes(7))],
      ['key request of two bytes', () => f.parseKeyRequest(bytes(0, 1))],
      ['recording "true"', () => f.parseRecording(json({ recording: 'true' }))],
      ['recording null', () => f.parseRecording(json('null'))],
    ];
    for (const [name, parse] of refused) {
      checked++;
      try {
        parse();
        failures.push(`${name}: accepted`);
      } catch (error) {
        if (!(error instanceof f.MalformedMediaError)) failures.push(`${name}: ${error}`);
      }
    }
    // and what a client sends reads back as sent
    checked++;
    const audio = f.parseAudio(f.encodeAudio({ seq: 7, timestamp: 1_700_000_000_000_123, packet: bytes(0xf8, 1, 2, 3) }));
    if (audio.seq !== 7 || audio.timestamp !== 1_700_000_000_000_123 || audio.packet.join() !== '248,1,2,3') failures.push('audio round trip: ' + JSON.stringify(audio));
    checked++;
    const chunk = { byteLength: 3, copyTo: (to) => to.set([9, 8, 7]) };
    const c = f.parseCameraChunk(f.encodeCameraChunk({ key: true, discardable: false, layer: 1, timestamp: 42, codec: 'vp8', width: 640, height: 360, chunk }));
    if (!c.key || c.discardable || c.layer !== 1 || c.codec !== 'vp8' || c.width !== 640 || c.height !== 360 || c.data.join() !== '9,8,7') {
      failures.push('camera round trip: ' + JSON.stringify({ ...c, data: [...c.data] }));
    }
    checked++;
    // README §12: the relay reads only these bits
    const { MediaMark } = await import(base + '../../protocol/envelope.js');
    const marks = [f.cameraMark({ key: true, discardable: false, layer: 1 }), f.cameraMark({ key: false, discardable: true, layer: 0 }), MediaMark.AUDIO];
    if (marks.join() !== [1 | (2 << 4), 2 | 4 | (1 << 4), 8].join()) failures.push('marks: ' + marks.join());
    return { checked, failures };
  },

  // the jitter buffer: delay never accumulates, losses are concealed, jitter raises the target
  async jitterBuffer() {
    const { JitterBuffer, FRAME, CATCH_UP_MS, MIN_TARGET_MS, MAX_TARGET_MS } = await import(base + 'jitter-buffer.js');
    const failures = [];
    let checked = 0;
    const frame = (value) => new Float32Array(FRAME).fill(value);
    const play = (b, ms) => {
      const out = new Float32Array(Math.round((ms / 20) * FRAME));
      b.mixInto(out);
      return out;
    };

    // 1. a speaker whose frames come in a 3-second burst (a stalled link catching up) is played at most target + 150 ms late
    checked++;
    let b = new JitterBuffer();
    for (let i = 0; i < 50; i++) b.arrived(frame(0.1), i * 20, i * 20 + 30, 0); // a steady start
    for (let i = 50; i < 200; i++) b.arrived(frame(0.1), i * 20, 200 * 20 + 30, 0); // then 150 frames at once
    if (b.queuedMs() > b.targetMs() + CATCH_UP_MS) failures.push(`after a burst ${b.queuedMs()} ms wait, target ${b.targetMs()}`);
    if (b.dropped === 0) failures.push('nothing was dropped to catch up');

    // 2. steady arrivals: the target stays at the floor, playout starts, the samples come out as they went in
    checked++;
    b = new JitterBuffer();
    for (let i = 0; i < 30; i++) b.arrived(frame(0.25), i * 20, i * 20 + 50, 0);
    const steady = b.targetMs();
    const out = play(b, 100);
    if (steady !== MIN_TARGET_MS) failures.push(`steady target ${steady}, expected ${MIN_TARGET_MS}`);
    if (Math.abs(out[10] - 0.25) > 1e-6) failures.push(`played ${out[10]}, expected 0.25`);

    // 3. jittery arrivals (0–120 ms late) raise the target, within the bounds
    checked++;
    b = new JitterBuffer();
    for (let i = 0; i < 250; i++) b.arrived(frame(0.1), i * 20, i * 20 + ((i * 37) % 120), 0);
    const jittery = b.targetMs();
    if (jittery < 100 || jittery > MAX_TARGET_MS) failures.push(`jittery target ${jittery}`);

    // 4. a lost frame is filled with the last one, quieter; running dry fades out and then is silent
    checked++;
    b = new JitterBuffer();
    for (let i = 0; i < 10; i++) b.arrived(frame(0.5), i * 20, i * 20, 0);
    play(b, 200);
    const before = b.queuedMs();
    b.arrived(frame(0.5), 11 * 20, 11 * 20, 1);
    if (b.queuedMs() - before !== 40) failures.push(`a loss of one frame queued ${b.queuedMs() - before} ms, expected 40`);
    const tail = play(b, 200);
    const concealedLevel = Math.abs(tail[0]);
    const last = Math.abs(tail[tail.length - 1]);
    if (!(concealedLevel > 0.2 && concealedLevel < 0.3)) failures.push(`concealed at ${concealedLevel}, expected 0.25`);
    if (last !== 0) failures.push(`after running dry: ${last}, expected silence`);

    // 5. gain is applied per speaker
    checked++;
    b = new JitterBuffer();
    b.gain = 0.5;
    for (let i = 0; i < 10; i++) b.arrived(frame(0.4), i * 20, i * 20, 0);
    const half = play(b, 20);
    if (Math.abs(half[5] - 0.2) > 1e-6) failures.push(`with gain 0.5 played ${half[5]}, expected 0.2`);
    return { checked, failures };
  },
})
