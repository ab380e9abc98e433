/**
 * The audio thread's two jobs (protocol README §9a), registered in one worklet module:
 *
 * - `parley-capture` cuts the microphone into 20 ms frames of 960 samples (the context runs at
 *   48 kHz, so no resampling) and posts each, with its level, to the page, which encodes it.
 * - `parley-mixer` keeps one adaptive jitter buffer per speaker and mixes them all, each at its own
 *   volume. Latency never accumulates: a speaker whose buffer holds more than its target plus
 *   {@link CATCH_UP_MS} loses its oldest frames. A lost frame is concealed by the previous one at
 *   half the level; when a buffer runs dry, the last frame fades out and the speaker is silent until
 *   the buffer is back at its target (the start of the next talk spurt after DTX silence).
 *
 * Levels (RMS of what each speaker played over ~100 ms) go back to the page, which decides who is
 * speaking: levels are measured where the sound is, not claimed by senders.
 */
const FRAME = 960; // 20 ms at 48 kHz
const FRAME_MS = 20;
const MIN_TARGET_MS = 40;
const MAX_TARGET_MS = 300;
const CATCH_UP_MS = 150;
const JITTER_WINDOW = 250; // arrivals: 5 s of 20 ms frames
const LEVEL_EVERY = 37; // render quanta of 128 samples: ~99 ms
const MAX_CONCEALED = 3; // a longer gap is not a loss to hide but silence

class CaptureProcessor extends AudioWorkletProcessor {
  #frame = new Float32Array(FRAME);
  #filled = 0;

  process(inputs) {
    const input = inputs[0];
    if (input.length === 0) return true;
    const channels = input.length;
    const length = input[0].length;
    for (let i = 0; i < length; i++) {
      let sample = 0;
      for (let c = 0; c < channels; c++) sample += input[c][i];
      this.#frame[this.#filled++] = sample / channels;
      if (this.#filled === FRAME) this.#flush();
    }
    return true;
  }

  #flush() {
    const samples = this.#frame;
    let sum = 0;
    for (let i = 0; i < FRAME; i++) sum += samples[i] * samples[i];
    this.port.postMessage({ samples, level: Math.sqrt(sum / FRAME) }, [samples.buffer]);
    this.#frame = new Float32Array(FRAME);
    this.#filled = 0;
  }
}

/** One speaker's jitter buffer. */
class Speaker {
  frames = []; // Float32Array each (20 ms from Opus, whatever the decoder gives), oldest first
  offset = 0; // samples of frames[0] already played
  queued = 0; // samples in frames, less offset
  playing = false;
  gain = 1;
  last = null; // the last frame played, for concealment
  fade = 0; // samples of fade-out left after running dry
  delays = []; // arrival − send time, ms, of the last JITTER_WINDOW frames
  levelSum = 0;
  levelCount = 0;
  dropped = 0;

  queuedMs() {
    return (this.queued / FRAME) * FRAME_MS;
  }

  /** The buffer's target: the spread of recent arrival delays (their 95th percentile over the minimum), plus one frame. */
  targetMs() {
    if (this.delays.length < 10) return MIN_TARGET_MS * 2;
    const sorted = [...this.delays].sort((a, b) => a - b);
    const spread = sorted[Math.floor(sorted.length * 0.95)] - sorted[0];
    return Math.min(MAX_TARGET_MS, Math.max(MIN_TARGET_MS, spread + FRAME_MS));
  }

  arrived(samples, sentAtMs, nowMs, lost) {
    this.delays.push(nowMs - sentAtMs);
    if (this.delays.length > JITTER_WINDOW) this.delays.shift();
    // a short loss: the frames before it again, quieter, keep the voice from clicking
    for (let i = 0; i < Math.min(lost, MAX_CONCEALED) && this.last !== null; i++) {
      const scale = 0.5 / (i + 1);
      this.#push(this.last.map((sample) => sample * scale));
    }
    this.#push(samples);
    const target = this.targetMs();
    if (!this.playing && this.queuedMs() >= target) this.playing = true;
    // never let the delay grow: drop the oldest until we are back at the target
    while (this.playing && this.queuedMs() > target + CATCH_UP_MS && this.frames.length > 1) {
      this.queued -= this.frames.shift().length - this.offset;
      this.offset = 0;
      this.dropped++;
    }
  }

  #push(samples) {
    this.frames.push(samples);
    this.queued += samples.length;
  }

  /** Adds this speaker's next `out.length` samples to `out`. */
  mixInto(out) {
    let i = 0;
    while (i < out.length) {
      if (!this.playing || this.frames.length === 0) {
        if (this.playing) {
          this.playing = false; // ran dry: wait for the target again
          this.fade = FRAME;
        }
        for (; i < out.length && this.fade > 0 && this.last !== null; i++, this.fade--) {
          const at = this.last.length - Math.min(this.fade, this.last.length);
          const sample = this.last[at] * (this.fade / FRAME) * this.gain;
          out[i] += sample;
          this.#level(sample);
        }
        for (; i < out.length; i++) this.#level(0);
        return;
      }
      const head = this.frames[0];
      const n = Math.min(out.length - i, head.length - this.offset);
      for (let s = 0; s < n; s++) {
        const sample = head[this.offset + s] * this.gain;
        out[i + s] += sample;
        this.#level(sample);
      }
      i += n;
      this.offset += n;
      this.queued -= n;
      if (this.offset === head.length) {
        this.last = this.frames.shift();
        this.offset = 0;
      }
    }
  }

  #level(sample) {
    this.levelSum += sample * sample;
    this.levelCount++;
  }

  takeLevel() {
    const level = this.levelCount === 0 ? 0 : Math.sqrt(this.levelSum / this.levelCount);
    this.levelSum = 0;
    this.levelCount = 0;
    return level;
  }
}

class MixerProcessor extends AudioWorkletProcessor {
  #speakers = new Map();
  #quanta = 0;

  constructor() {
    super();
    this.port.onmessage = ({ data }) => this.#message(data);
  }

  #speaker(id) {
    let speaker = this.#speakers.get(id);
    if (speaker === undefined) {
      speaker = new Speaker();
      this.#speakers.set(id, speaker);
    }
    return speaker;
  }

  #message(data) {
    if (data.type === 'frame') this.#speaker(data.from).arrived(data.samples, data.sentAtMs, currentTime * 1000, data.lost);
    else if (data.type === 'volume') this.#speaker(data.from).gain = data.gain;
    else if (data.type === 'remove') this.#speakers.delete(data.from);
  }

  process(inputs, outputs) {
    const out = outputs[0][0];
    out.fill(0);
    for (const speaker of this.#speakers.values()) speaker.mixInto(out);
    for (let i = 0; i < out.length; i++) out[i] = Math.max(-1, Math.min(1, out[i]));
    for (let c = 1; c < outputs[0].length; c++) outputs[0][c].set(out);
    if (++this.#quanta >= LEVEL_EVERY) {
      this.#quanta = 0;
      const speakers = [];
      for (const [id, s] of this.#speakers) {
        speakers.push({ id, level: s.takeLevel(), bufferedMs: Math.round(s.queuedMs()), targetMs: Math.round(s.targetMs()), dropped: s.dropped });
      }
      this.port.postMessage({ type: 'levels', speakers });
    }
    return true;
  }
}

registerProcessor('parley-capture', CaptureProcessor);
registerProcessor('parley-mixer', MixerProcessor);
