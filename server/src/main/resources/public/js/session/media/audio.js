/**
 * Computer audio (protocol README §9a): one 48 kHz AudioContext per page holds the microphone's
 * capture worklet and the mixer worklet; the microphone is encoded to Opus with WebCodecs and sent
 * as 0x20 in MEDIA marked audio (the relay sends it ahead of screen and camera media, §12); each
 * speaker's 0x20 goes through its own AudioDecoder into the mixer's jitter buffers.
 */
import { ScreenStats, wallMicros } from '../screen-stats.js';
import { MediaMark } from '../../protocol/envelope.js';
import { MediaKind, encodeAudio, parseAudio } from './media-format.js';

const SAMPLE_RATE = 48000;
const FRAME = 960;
const FRAME_MICROS = 20_000;
const BITRATE = 32_000;
const WORKLET = '/js/session/media/audio-worklet.js';
const OPUS = { codec: 'opus', sampleRate: SAMPLE_RATE, numberOfChannels: 1 };
/** Above this RMS a voice counts as speaking (about −40 dBFS); it stays so for {@link HANGOVER_MS}. */
export const SPEAKING_LEVEL = 0.01;
const HANGOVER_MS = 300;
const MAX_DECODE_QUEUE = 10; // 200 ms: beyond that, a frame is stale before it plays

/** The page's audio: the context, the mixer, and who is speaking. Events: 'levels' {speakers}, 'speaking' {id, speaking}. */
export class AudioEngine extends EventTarget {
  context = null;
  mixer = null;
  #speakingUntil = new Map(); // id → time (ms) the speaking mark lasts until
  #speaking = new Set();

  static get supported() {
    return typeof globalThis.AudioEncoder === 'function' && typeof globalThis.AudioDecoder === 'function'
      && typeof globalThis.AudioWorkletNode === 'function';
  }

  async start() {
    if (this.context !== null) return;
    const context = new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: 'interactive' });
    await context.audioWorklet.addModule(WORKLET);
    this.mixer = new AudioWorkletNode(context, 'parley-mixer', { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [2] });
    this.mixer.connect(context.destination);
    this.mixer.port.onmessage = ({ data }) => this.#levels(data.speakers);
    this.context = context;
    context.addEventListener('statechange', () => this.dispatchEvent(new Event('statechange')));
  }

  /** Browsers start audio only after a click or key press on the page: false until then. */
  get running() {
    return this.context?.state === 'running';
  }

  resume() {
    return this.context?.resume();
  }

  setVolume(id, gain) {
    this.mixer?.port.postMessage({ type: 'volume', from: id, gain });
  }

  remove(id) {
    this.mixer?.port.postMessage({ type: 'remove', from: id });
    this.#speakingUntil.delete(id);
    if (this.#speaking.delete(id)) this.dispatchEvent(new CustomEvent('speaking', { detail: { id, speaking: false } }));
  }

  /** Whether {@code id} was heard speaking just now (0 = ourselves, from the microphone's level). */
  isSpeaking(id) {
    return this.#speaking.has(id);
  }

  /** The microphone's level, for our own speaking mark and the "you are muted" hint. */
  ownLevel(level) {
    this.#heard(0, level);
  }

  close() {
    this.context?.close().catch(() => {});
    this.context = null;
    this.mixer = null;
  }

  #levels(speakers) {
    this.dispatchEvent(new CustomEvent('levels', { detail: { speakers } }));
    for (const { id, level } of speakers) this.#heard(id, level);
  }

  #heard(id, level) {
    const now = performance.now();
    if (level >= SPEAKING_LEVEL) this.#speakingUntil.set(id, now + HANGOVER_MS);
    const speaking = (this.#speakingUntil.get(id) ?? 0) > now;
    if (speaking === this.#speaking.has(id)) return;
    if (speaking) this.#speaking.add(id);
    else this.#speaking.delete(id);
    this.dispatchEvent(new CustomEvent('speaking', { detail: { id, speaking } }));
  }
}

/**
 * Our microphone. Muted, it keeps listening (nothing is encoded or sent) so the page can say "you
 * are muted" when we talk; off, the device is released. Events: 'level' {level}, 'failed' {message}.
 */
export class Microphone extends EventTarget {
  #engine;
  #session;
  #stream = null;
  #source = null;
  #capture = null;
  #encoder = null;
  #seq = 0;
  muted = true;
  deviceId = null;

  constructor(engine, session) {
    super();
    this.#engine = engine;
    this.#session = session;
  }

  get on() {
    return this.#stream !== null;
  }

  /** Opens the microphone (the browser asks the person once); call from a click. */
  async start(deviceId = null) {
    await this.#engine.start();
    await this.#engine.resume();
    const constraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 };
    if (deviceId) constraints.deviceId = { exact: deviceId };
    const stream = await navigator.mediaDevices.getUserMedia({ audio: constraints });
    this.stop();
    this.#stream = stream;
    const track = stream.getAudioTracks()[0];
    this.deviceId = track.getSettings().deviceId ?? deviceId;
    track.addEventListener('ended', () => {
      this.stop();
      this.dispatchEvent(new CustomEvent('failed', { detail: { message: 'The microphone stopped (unplugged or taken by another program).' } }));
    });
    const context = this.#engine.context;
    this.#source = context.createMediaStreamSource(stream);
    this.#capture = new AudioWorkletNode(context, 'parley-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
    this.#capture.port.onmessage = ({ data }) => this.#frame(data.samples, data.level);
    this.#source.connect(this.#capture);
    this.#encoder = new AudioEncoder({
      output: (chunk) => this.#send(chunk),
      error: (error) => {
        console.warn('microphone: encoder error', error);
        this.dispatchEvent(new CustomEvent('failed', { detail: { message: 'This browser could not encode your voice.' } }));
        this.stop();
      },
    });
    this.#encoder.configure({ ...OPUS, bitrate: BITRATE, opus: { frameDuration: 20_000, usedtx: true } });
  }

  /** A stream of the microphone for a local recording, or null. */
  get stream() {
    return this.#stream;
  }

  stop() {
    this.#stream?.getTracks().forEach((t) => t.stop());
    this.#stream = null;
    this.#source?.disconnect();
    this.#capture?.port.close();
    this.#source = null;
    this.#capture = null;
    if (this.#encoder !== null && this.#encoder.state !== 'closed') this.#encoder.close();
    this.#encoder = null;
  }

  #frame(samples, level) {
    this.#engine.ownLevel(this.muted ? 0 : level);
    this.dispatchEvent(new CustomEvent('level', { detail: { level } }));
    if (this.muted || this.#encoder === null || this.#encoder.state !== 'configured') return;
    if (this.#encoder.encodeQueueSize > 5) return; // the encoder is behind: this frame would be late anyway
    const data = new AudioData({
      format: 'f32-planar', sampleRate: SAMPLE_RATE, numberOfFrames: FRAME, numberOfChannels: 1, timestamp: Math.round(wallMicros()), data: samples,
    });
    try {
      this.#encoder.encode(data);
    } finally {
      data.close();
    }
  }

  #send(chunk) {
    if (this.muted) return; // encoded just before the click that muted us
    const packet = new Uint8Array(chunk.byteLength);
    chunk.copyTo(packet);
    if (packet.length <= 2) return; // DTX: nothing to say
    this.#seq = (this.#seq + 1) >>> 0 || 1;
    // README §9a: the capture time, by our wall clock. Not chunk.timestamp: with DTX the encoder counts
    // 20 ms per packet it emits, so its stamps fall further behind the clock after every silence and
    // receivers would take that for jitter. A frame is encoded within a millisecond of its capture.
    const body = encodeAudio({ seq: this.#seq, timestamp: wallMicros() - FRAME_MICROS, packet });
    this.#session.sendMedia(MediaKind.AUDIO, body, { mark: MediaMark.AUDIO }).catch(() => {});
  }
}

/** Everyone else's voices: one AudioDecoder per speaker, feeding the mixer. */
export class Voices {
  #engine;
  #speakers = new Map(); // id → {decoder, lastSeq, lastTimestamp, pending: [{seq, lost}]}
  received = 0;
  refused = 0;
  /** For the quality report: packets heard and lost (by their seq), bytes, delay from capture to arrival. */
  stats = new ScreenStats({ numbered: true });

  constructor(engine) {
    this.#engine = engine;
  }

  /** One 0x20 body from {@code from}; throws MalformedMediaError when it is not one. */
  receive(from, body) {
    const frame = parseAudio(body);
    if (this.#engine.mixer === null) return; // no audio engine yet (this browser lacks one)
    const speaker = this.#speaker(from);
    if (speaker === null) return;
    if (frame.seq <= speaker.lastSeq && speaker.lastSeq - frame.seq < 1000) return; // late or repeated: its moment has passed
    // seq counts sent frames, the timestamp capture time: a seq gap is loss, a time gap alone is DTX silence
    const missing = speaker.lastSeq === 0 ? 0 : frame.seq - speaker.lastSeq - 1;
    const lost = missing > 0 && missing < 50 ? missing : 0;
    speaker.lastSeq = frame.seq;
    // a packet heard counts as a frame; its delay is by the sender's clock, so across machines an estimate.
    // A gap of 1000 or more (20 s) is no loss but a sender that counts anew
    this.stats.received(body.length);
    this.stats.painted((wallMicros() - frame.timestamp) / 1000);
    this.stats.counted(1, missing > 0 && missing < 1000 ? missing : 0);
    if (speaker.decoder.decodeQueueSize > MAX_DECODE_QUEUE) return;
    speaker.pending.push({ lost, sentAtMs: frame.timestamp / 1000 });
    this.received++;
    speaker.decoder.decode(new EncodedAudioChunk({ type: 'key', timestamp: frame.timestamp, data: frame.packet }));
  }

  left(id) {
    const speaker = this.#speakers.get(id);
    if (speaker && speaker.decoder.state !== 'closed') speaker.decoder.close();
    this.#speakers.delete(id);
    this.#engine.remove(id);
  }

  close() {
    for (const id of [...this.#speakers.keys()]) this.left(id);
  }

  #speaker(id) {
    let speaker = this.#speakers.get(id);
    if (speaker !== undefined) return speaker;
    speaker = { decoder: null, lastSeq: 0, pending: [] };
    speaker.decoder = new AudioDecoder({
      output: (data) => this.#decoded(id, speaker, data),
      error: (error) => {
        console.warn('voices: decoder error', error);
        this.refused++;
        this.#speakers.delete(id); // a fresh decoder for this speaker's next frame
      },
    });
    speaker.decoder.configure(OPUS);
    this.#speakers.set(id, speaker);
    return speaker;
  }

  #decoded(id, speaker, data) {
    try {
      const { lost, sentAtMs } = speaker.pending.shift() ?? { lost: 0, sentAtMs: data.timestamp / 1000 };
      const samples = new Float32Array(data.numberOfFrames);
      data.copyTo(samples, { planeIndex: 0, format: 'f32-planar' });
      this.#engine.mixer?.port.postMessage({ type: 'frame', from: id, samples, sentAtMs, lost }, [samples.buffer]);
    } finally {
      data.close();
    }
  }
}
