/**
 * What the statistics overlay shows about a shared screen, over the last second: frames painted
 * (fps), bytes received or sent (bitrate) and, for video chunks, the latency estimate — the time
 * from the presenter stamping a chunk (its wall clock, in µs) to the frame being drawn here. On
 * one machine that is the real delay; across machines it also holds their clock difference,
 * which is why the overlay calls it an estimate.
 */
const WINDOW_MS = 1000;

export class ScreenStats {
  #frames = 0;
  #bytes = 0;
  #latencies = [];
  #since = performance.now();
  /** The figures of the last full second. */
  current = { fps: 0, kbps: 0, latencyMs: null, width: 0, height: 0, codec: null };

  received(bytes) {
    this.#bytes += bytes;
  }

  painted(latencyMs = null) {
    this.#frames++;
    if (latencyMs !== null && Number.isFinite(latencyMs)) this.#latencies.push(latencyMs);
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

/** The presenter's wall clock in µs, as 0x14 timestamps carry it. */
export function wallMicros() {
  return (performance.timeOrigin + performance.now()) * 1000;
}
