/**
 * What the statistics overlay shows about a shared screen, over the last second: frames painted
 * (fps), bytes received or sent (bitrate) and, for video chunks, the latency estimate — the time
 * from the presenter stamping a chunk (its wall clock, in µs) to the frame being drawn here. On
 * one machine that is the real delay; across machines it also holds their clock difference,
 * which is why the overlay calls it an estimate.
 *
 * The same counts serve the voices and the cameras' quality reports. Where the sender numbers what
 * it sends (screen tiles by frame, voice by packet) the receiver also counts what never arrived.
 */
const WINDOW_MS = 1000;

export class ScreenStats {
  #frames = 0;
  #bytes = 0;
  #latencies = [];
  #since = performance.now();
  // since the last quality report (see takeReport)
  #reportFrames = 0;
  #reportBytes = 0;
  #reportLatencies = [];
  #reportSince = performance.now();
  #numbered;
  #reportReceived = 0;
  #reportLost = 0;
  /** The figures of the last full second. */
  current = { fps: 0, kbps: 0, latencyMs: null, width: 0, height: 0, codec: null };

  /** @param {{numbered?: boolean}} options numbered: the sender numbers its frames or packets, so loss can be counted */
  constructor({ numbered = false } = {}) {
    this.#numbered = numbered;
  }

  received(bytes) {
    this.#bytes += bytes;
    this.#reportBytes += bytes;
  }

  painted(latencyMs = null) {
    this.#frames++;
    this.#reportFrames++;
    if (latencyMs !== null && Number.isFinite(latencyMs)) {
      this.#latencies.push(latencyMs);
      if (this.#reportLatencies.length < 10_000) this.#reportLatencies.push(latencyMs);
    }
  }

  /** Numbered units (frames, packets): how many arrived whole, and how many the sender's numbers say never did. */
  counted(received, lost = 0) {
    this.#reportReceived += received;
    this.#reportLost += lost;
  }

  /**
   * Frames, bytes, the median latency and (numbered streams) received and lost since the previous call, for the server's session quality
   * records — numbers only; what was on the screen never leaves this page.
   */
  takeReport(now = performance.now()) {
    const sorted = this.#reportLatencies.sort((a, b) => a - b);
    const report = {
      seconds: Math.max(1, Math.min(600, Math.round((now - this.#reportSince) / 1000))),
      frames: this.#reportFrames,
      bytes: this.#reportBytes,
      latencyP50Ms: sorted.length === 0 ? null : median(sorted),
      received: this.#numbered ? this.#reportReceived : null,
      lost: this.#numbered ? this.#reportLost : null,
    };
    this.#reportReceived = 0;
    this.#reportLost = 0;
    this.#reportFrames = 0;
    this.#reportBytes = 0;
    this.#reportLatencies = [];
    this.#reportSince = now;
    return report;
  }

  /** Closes the current second if it is over; returns the figures. */
  sample(now = performance.now()) {
    const elapsed = now - this.#since;
    if (elapsed >= WINDOW_MS) {
      const sorted = this.#latencies.sort((a, b) => a - b);
      this.current = {
        ...this.current,
        fps: (this.#frames * 1000) / elapsed,
        kbps: (this.#bytes * 8) / elapsed,
        latencyMs: sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)],
      };
      this.#frames = 0;
      this.#bytes = 0;
      this.#latencies = [];
      this.#since = now;
    }
    return this.current;
  }

  /** The overlay's lines. */
  lines() {
    const s = this.sample();
    const lines = [`${s.fps.toFixed(1)} fps`, `${s.kbps >= 1000 ? (s.kbps / 1000).toFixed(2) + ' Mbit/s' : Math.round(s.kbps) + ' kbit/s'}`];
    lines.push(s.latencyMs === null ? 'latency —' : `latency ≈ ${Math.round(s.latencyMs)} ms`);
    if (s.width > 0) lines.push(`${s.width}×${s.height}${s.codec ? ' ' + s.codec : ''}`);
    return lines;
  }
}

// a median below zero is the two machines' clocks disagreeing, not a delay: none measured
function median(sorted) {
  const middle = Math.round(sorted[Math.floor(sorted.length / 2)]);
  return middle < 0 ? null : middle;
}

/** The presenter's wall clock in µs, as 0x14 timestamps carry it. */
export function wallMicros() {
  return (performance.timeOrigin + performance.now()) * 1000;
}
