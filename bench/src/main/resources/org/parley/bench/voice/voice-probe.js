// MouthToEarBench's probe, installed before any page script runs (Playwright init script; the
// context bypasses the page's CSP so the probe's own worklet module can load from a blob: URL).
// It never changes what the page does: it only listens next to the page's own nodes.
//
// - Speaking side: a second 'message' listener on the 'parley-capture' node's port sees every 20 ms
//   microphone frame the page sees. When a frame turns loud after >= 300 ms of quiet, the probe keeps
//   the frame before it, that frame and the one after (60 ms) with the wall-clock time of their first
//   sample: the time the frame reached the page (performance.timeOrigin + performance.now()) less
//   the 20 ms of samples it carries and of the frames before it.
// - Listening side: a 'bench-onset' AudioWorklet node fed by the 'parley-mixer' node (what the page
//   plays) band-passes 1 kHz; when it turns loud after >= 400 ms of quiet it keeps 30 ms before and
//   30 ms after, with the AudioContext frame of their first sample. The page maps that frame to
//   wall-clock time with getOutputTimestamp() (the moment the output device presents that frame).
// Snippets leave as 16-bit PCM in base64; the benchmark finds the onset in each (Java, Onset).
(() => {
  const bench = window.__bench = { sends: [], hears: [], clock: [], errors: [] };
  const Native = window.AudioWorkletNode;
  // the page's WebSockets, to say at the end whether it stayed connected and why not
  bench.closes = [];
  const NativeSocket = window.WebSocket;
  // With --coalesce-acks only (a workaround, off by default): the page sends one MEDIA_ACK (type 10) per
  // MEDIA it receives, 500 a second with ten speakers, past the relay's 400 messages a second; the
  // count in an ACK is cumulative, so sending only the latest one every 20 ms says the same.
  const coalesce = window.__benchCoalesceAcks === true;
  bench.acks = { sent: 0, coalesced: 0 };
  window.WebSocket = class extends NativeSocket {
    #ack = null;
    constructor(...args) {
      super(...args);
      this.addEventListener('close', (e) => bench.closes.push({ at: Date.now(), code: e.code, reason: e.reason }));
    }
    send(data) {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
      if (bytes === null || bytes.length < 2 || bytes[1] !== 10) return super.send(data);
      bench.acks.sent++;
      if (!coalesce) return super.send(data);
      if (this.#ack !== null) bench.acks.coalesced++;
      else setTimeout(() => { const ack = this.#ack; this.#ack = null; if (this.readyState === 1) super.send(ack); }, 20);
      this.#ack = bytes.slice();
    }
  };
  const LOUD = 0.02;
  const QUIET_FRAMES = 15;

  const ONSET_WORKLET = `
    const RING = 1 << 14, MASK = RING - 1, HALF = 1440;
    class Onset extends AudioWorkletProcessor {
      constructor() {
        super();
        this.ring = new Float32Array(RING);
        this.s = [0, 0, 0, 0, 0, 0, 0, 0];
        this.env = 0; this.quiet = 0; this.until = -1; this.start = 0; this.loudest = 0; this.quanta = 0; this.longestQuiet = 0;
        // a 1 kHz band-pass (RBJ, Q 5) twice: the other speakers' voices stay below the trigger
        const w = 2 * Math.PI * 1000 / sampleRate, alpha = Math.sin(w) / (2 * 5), a0 = 1 + alpha;
        this.b0 = alpha / a0; this.b2 = -alpha / a0; this.a1 = -2 * Math.cos(w) / a0; this.a2 = (1 - alpha) / a0;
      }
      stage(x, o) {
        const s = this.s;
        const y = this.b0 * x + this.b2 * s[o + 1] - this.a1 * s[o + 2] - this.a2 * s[o + 3];
        s[o + 1] = s[o]; s[o] = x; s[o + 3] = s[o + 2]; s[o + 2] = y;
        return y;
      }
      process(inputs) {
        const input = inputs[0];
        if (input.length === 0) return true;
        const x = input[0];
        if (++this.quanta % 375 === 0) { this.port.postMessage({ loudest: this.loudest, longestQuiet: this.longestQuiet, quiet: this.quiet, env: this.env, until: this.until }); this.loudest = 0; this.longestQuiet = 0; }
        for (let i = 0; i < x.length; i++) {
          const frame = currentFrame + i;
          this.ring[frame & MASK] = x[i];
          const y = this.stage(this.stage(x[i], 0), 4);
          this.env += (y * y - this.env) * 0.01;
          if (this.env > this.loudest) this.loudest = this.env;
          if (this.until < 0) {
            if (this.env > 1e-4 && this.quiet >= 0.4 * sampleRate) { this.start = frame - HALF; this.until = frame + HALF; }
            this.quiet = this.env > 1e-4 ? 0 : this.quiet + 1;
            if (this.quiet > this.longestQuiet) this.longestQuiet = this.quiet;
          } else if (frame >= this.until) {
            const out = new Float32Array(2 * HALF);
            for (let k = 0; k < out.length; k++) out[k] = this.ring[(this.start + k) & MASK];
            this.port.postMessage({ frame: this.start, samples: out }, [out.buffer]);
            this.until = -1; this.quiet = 0;
          }
        }
        return true;
      }
    }
    registerProcessor('bench-onset', Onset);`;

  const pcm = (floats) => {
    const bytes = new Uint8Array(floats.length * 2);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < floats.length; i++) view.setInt16(i * 2, Math.max(-32768, Math.min(32767, Math.round(floats[i] * 32767))), true);
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  };

  const tapCapture = (node) => {
    const before = [];
    let quiet = 0;
    let pending = null;
    node.port.addEventListener('message', ({ data }) => {
      const at = performance.timeOrigin + performance.now();
      const frame = Float32Array.from(data.samples);
      let peak = 0;
      for (let i = 0; i < frame.length; i++) peak = Math.max(peak, Math.abs(frame[i]));
      if (pending !== null) {
        pending.frames.push(frame);
        bench.sends.push({ t0: pending.t0, pcm: pcm(concat(pending.frames)) });
        pending = null;
      } else if (peak > LOUD && quiet >= QUIET_FRAMES && before.length > 0) {
        pending = { t0: at - 20 * (before.length + 1), frames: [...before, frame] };
      }
      quiet = peak > LOUD ? 0 : quiet + 1;
      before.push(frame);
      if (before.length > 1) before.shift();
    });
  };

  const concat = (frames) => {
    const out = new Float32Array(frames.reduce((n, f) => n + f.length, 0));
    let at = 0;
    for (const f of frames) { out.set(f, at); at += f.length; }
    return out;
  };

  const tapMixer = async (context, mixer) => {
    try {
      const url = URL.createObjectURL(new Blob([ONSET_WORKLET], { type: 'text/javascript' }));
      await context.audioWorklet.addModule(url);
      const onset = new Native(context, 'bench-onset', { numberOfInputs: 1, numberOfOutputs: 0 });
      mixer.connect(onset);
      mixer.port.addEventListener('message', ({ data }) => { if (data.speakers) bench.levels = data.speakers; });
      // the arrival delays the mixer's jitter buffers see (render clock less the sender's timestamp), per speaker:
      // their spread over the last 250 frames is what sets each buffer's target
      const post = mixer.port.postMessage.bind(mixer.port);
      bench.arrivals = {};
      mixer.port.postMessage = (message, transfer) => {
        if (message?.type === 'frame') {
          const list = bench.arrivals[message.from] ??= [];
          list.push(context.currentTime * 1000 - message.sentAtMs);
          if (list.length > 250) list.shift();
        }
        return post(message, transfer);
      };
      onset.port.onmessage = ({ data }) => {
        if (data.loudest !== undefined) { bench.loudest = data; return; }
        const ts = context.getOutputTimestamp();
        const startSeconds = data.frame / context.sampleRate;
        // where the output device says it is: the frame at ts.contextTime is heard at ts.performanceTime
        const heard = ts.performanceTime > 0
          ? performance.timeOrigin + ts.performanceTime + (startSeconds - ts.contextTime) * 1000
          : NaN;
        // the same frame by the render clock alone: now, less what is yet to render, plus the reported output latency
        const rendered = performance.timeOrigin + performance.now() + (startSeconds - context.currentTime) * 1000;
        bench.hears.push({ t0: heard, t0Rendered: rendered, outputLatency: context.outputLatency ?? NaN,
          baseLatency: context.baseLatency ?? NaN, pcm: pcm(data.samples) });
      };
      bench.clock.push({ sampleRate: context.sampleRate, baseLatency: context.baseLatency, outputLatency: context.outputLatency });
    } catch (e) {
      bench.errors.push(String(e));
    }
  };

  window.AudioWorkletNode = class extends Native {
    constructor(context, name, options) {
      super(context, name, options);
      if (name === 'parley-capture') tapCapture(this);
      if (name === 'parley-mixer') tapMixer(context, this);
    }
  };

  // Everything measured so far, removed from the page (the benchmark drains it every few seconds).
  bench.drain = () => {
    const out = { sends: bench.sends, hears: bench.hears, errors: bench.errors };
    bench.sends = [];
    bench.hears = [];
    bench.errors = [];
    return out;
  };

  // Opus packets from this browser's own encoder, configured as the page configures it (audio.js),
  // for the Java speakers to replay: a synthetic voice (150/300/450 Hz, syllables at 4 Hz) that stays
  // far from the measured speaker's 1 kHz bursts.
  bench.encodeVoice = async (seconds, seed) => {
    const packets = [];
    const encoder = new AudioEncoder({
      output: (chunk) => { const b = new Uint8Array(chunk.byteLength); chunk.copyTo(b); packets.push(b); },
      error: (e) => bench.errors.push('encoder: ' + e),
    });
    encoder.configure({ codec: 'opus', sampleRate: 48000, numberOfChannels: 1, bitrate: 32000, opus: { frameDuration: 20000, usedtx: true } });
    let phase = 0;
    for (let f = 0; f < seconds * 50; f++) {
      const samples = new Float32Array(960);
      for (let i = 0; i < 960; i++) {
        const t = (f * 960 + i) / 48000;
        const f0 = 150 * (1 + 0.05 * Math.sin(2 * Math.PI * 0.7 * t + seed));
        phase += 2 * Math.PI * f0 / 48000;
        const syllable = 0.35 + 0.65 * Math.abs(Math.sin(2 * Math.PI * 2 * t + seed));
        samples[i] = syllable * (0.06 * Math.sin(phase) + 0.04 * Math.sin(2 * phase) + 0.02 * Math.sin(3 * phase));
      }
      const data = new AudioData({ format: 'f32-planar', sampleRate: 48000, numberOfFrames: 960, numberOfChannels: 1, timestamp: f * 20000, data: samples });
      encoder.encode(data);
      data.close();
    }
    await encoder.flush();
    encoder.close();
    return packets.map((p) => { let s = ''; for (const b of p) s += String.fromCharCode(b); return btoa(s); });
  };

  // Camera chunks as the page's camera sends them (camera.js: VP8 L1T2, 640×360 at 600 kbit/s and 320×180 at
  // 150 kbit/s, 24 frames a second), made of the fake camera for `seconds`: for Java participants to replay as
  // their webcams. Each frame gives two 0x21 bodies (high, low) and their marks; the first frame is a key chunk.
  bench.recordCamera = async (seconds) => {
    const format = await import('/js/session/media/media-format.js');
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360, frameRate: 24 } });
    const track = stream.getVideoTracks()[0];
    const reader = new MediaStreamTrackProcessor({ track }).readable.getReader();
    const layers = [{ layer: format.Layer.HIGH, width: 640, height: 360, bitrate: 600_000 },
      { layer: format.Layer.LOW, width: 320, height: 180, bitrate: 150_000 }];
    const frames = [];
    for (const spec of layers) {
      spec.canvas = new OffscreenCanvas(spec.width, spec.height);
      spec.encoder = new VideoEncoder({
        output: (chunk, metadata) => {
          const discardable = (metadata?.svc?.temporalLayerId ?? 0) > 0;
          const key = chunk.type === 'key';
          const body = format.encodeCameraChunk({ key, discardable, layer: spec.layer, timestamp: chunk.timestamp, codec: 'vp8',
            width: spec.width, height: spec.height, chunk });
          let s = '';
          for (const b of body) s += String.fromCharCode(b);
          spec.out.push({ mark: format.cameraMark({ key, discardable, layer: spec.layer }), body: btoa(s) });
        },
        error: (e) => bench.errors.push('camera encoder: ' + e),
      });
      spec.out = [];
      spec.encoder.configure({ codec: 'vp8', width: spec.width, height: spec.height, bitrate: spec.bitrate, framerate: 24,
        scalabilityMode: 'L1T2', latencyMode: 'realtime' });
    }
    const count = seconds * 24;
    for (let i = 0; i < count; i++) {
      const { value: frame } = await reader.read();
      for (const spec of layers) {
        spec.canvas.getContext('2d').drawImage(frame, 0, 0, spec.width, spec.height);
        const scaled = new VideoFrame(spec.canvas, { timestamp: Math.round(i * 1e6 / 24) });
        spec.encoder.encode(scaled, { keyFrame: i === 0 });
        scaled.close();
      }
      frame.close();
    }
    for (const spec of layers) { await spec.encoder.flush(); spec.encoder.close(); }
    track.stop();
    const n = Math.min(layers[0].out.length, layers[1].out.length);
    for (let i = 0; i < n; i++) frames.push([layers[0].out[i], layers[1].out[i]]);
    return frames;
  };
})();
