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
import { FRAME, JitterBuffer } from './jitter-buffer.js';

const LEVEL_EVERY = 37; // render quanta of 128 samples: ~99 ms

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
      speaker = new JitterBuffer();
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
