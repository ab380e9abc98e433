package org.parley.relay;

/**
 * A token bucket for one connection: {@code rate} tokens a second up to {@code burst}. Used from
 * the connection's own read loop only, so it needs no locking.
 */
final class TokenBucket {
    private final double rate;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double rate, double burst, long nowNanos) {
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes {@code cost} tokens if there are enough; false means "over the limit". */
    boolean take(double cost, long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) / 1e9 * rate);
        last = nowNanos;
        if (tokens < cost) {
            return false;
        }
        tokens -= cost;
        return true;
    }
}
