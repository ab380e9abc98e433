package org.parley.bench;

/** What one fan-out run does: one sender, {@code receivers} listeners, {@code rate} messages a second. */
record FanOutCase(int receivers, int payload, int rate, int seconds, int warmupSeconds) {

    FanOutCase {
        if (receivers < 1 || receivers > 1099) {
            throw new IllegalArgumentException("--receivers must be 1–1099 (the relay admits 1100 per meeting), got " + receivers);
        }
        if (payload < Stamp.LENGTH || payload > 1 << 20) {
            throw new IllegalArgumentException("--payload must be " + Stamp.LENGTH + "–1048576 bytes, got " + payload);
        }
        if (rate < 1 || rate > 400) {
            throw new IllegalArgumentException("--rate must be 1–400 messages a second (the relay's per-sender limit), got " + rate);
        }
        if (seconds < 1 || seconds > 120 || warmupSeconds < 0 || warmupSeconds > 60) {
            throw new IllegalArgumentException("--seconds must be 1–120 and --warmup 0–60, got " + seconds + " and " + warmupSeconds);
        }
    }

    long warmupMessages() {
        return (long) rate * warmupSeconds;
    }

    long messages() {
        return warmupMessages() + (long) rate * seconds;
    }
}
