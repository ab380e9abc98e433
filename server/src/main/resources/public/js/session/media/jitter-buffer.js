/**
 * One speaker's adaptive jitter buffer (protocol README §9a, "Playout"), used by the mixer worklet
 * and kept free of the audio thread's globals so it can be checked on its own.
 *
 * Frames (Float32Array, 48 kHz) arrive with the sender's capture time; the spread of recent
 * arrival delays (95th percentile over the minimum, last 5 s) plus one frame is the target depth,
 * 40–300 ms. Playout starts once the target is queued; the delay never accumulates: past the target
 * plus {@link CATCH_UP_MS} the oldest frames are dropped. A short loss is concealed with the last
 * frame at half level; running dry fades the last frame out and waits for the target again.
 */
export const FRAME = 960; // 20 ms at 48 kHz
const FRAME_MS = 20;
export const MIN_TARGET_MS = 40;
export const MAX_TARGET_MS = 300;
export const CATCH_UP_MS = 150;
const JITTER_WINDOW = 250; // arrivals: 5 s of 20 ms frames
const MAX_CONCEALED = 3; // a longer gap is not a loss to hide but silence

export class JitterBuffer {
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
