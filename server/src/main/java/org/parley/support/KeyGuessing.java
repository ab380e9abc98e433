package org.parley.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.parley.security.AddressBlock;
import org.parley.security.RateLimiter;
import org.parley.security.SecurityLog;
import org.parley.web.ClientInfo;

/**
 * Limits on guessing support keys, kept where the guesser is: per address and per network (IPv4
 * /24, IPv6 /48, so taking the next address does not buy new guesses). Across the whole key space
 * there is no lock — one anyone could trigger to keep every customer out — but an alarm in the
 * security log, once a window, when wrong keys pile up from many places.
 */
final class KeyGuessing {
    static final Duration WINDOW = Duration.ofMinutes(10);
    private final RateLimiter perAddress;
    private final RateLimiter perNetwork;
    private final RateLimiter perProvider;
    private final int alarmThreshold;
    private final Clock clock;
    private Instant windowStart = Instant.MIN; // the key space's count, guarded by this
    private int wrongInWindow;
    private boolean alarmed;

    KeyGuessing(int perAddress, int perNetwork, int perProvider, int alarmThreshold, Clock clock) {
        this.perAddress = new RateLimiter("wrong support keys per IP", perAddress, WINDOW, clock);
        this.perNetwork = new RateLimiter("wrong support keys per network", perNetwork, WINDOW, clock);
        this.perProvider = new RateLimiter("wrong support keys per IPv6 provider", perProvider, WINDOW, clock);
        this.alarmThreshold = alarmThreshold;
        this.clock = clock;
    }

    /**
     * 10 wrong keys an address, 60 a network (IPv4 /24, IPv6 /48) and 240 an IPv6 /32 in 10 minutes
     * (a /48 costs nothing to change within a provider's allocation); the alarm past 300 everywhere.
     */
    static KeyGuessing standard(Clock clock) {
        return new KeyGuessing(10, 60, 240, 300, clock);
    }

    /**
     * Counts an attempt before its key is looked at (and {@link #right} gives it back): guesses sent
     * in parallel cannot all pass a check made before any of them was counted. Returns how long to
     * wait when this address or its network has guessed too much.
     */
    Optional<Duration> attempt(ClientInfo client) {
        Optional<Duration> wait = perAddress.acquire(client.ip());
        if (wait.isPresent()) {
            SecurityLog.refused("support_key_locked_out", client, "too many wrong support keys from this address");
            return wait;
        }
        wait = perNetwork.acquire(AddressBlock.of(client.ip()));
        if (wait.isPresent()) {
            perAddress.release(client.ip()); // not looked at: it does not count against the address itself
            SecurityLog.refused("support_key_locked_out", client, "too many wrong support keys from this network");
            return wait;
        }
        Optional<String> provider = ipv6Provider(client);
        if (provider.isPresent()) {
            wait = perProvider.acquire(provider.get());
            if (wait.isPresent()) {
                perAddress.release(client.ip());
                perNetwork.release(AddressBlock.of(client.ip()));
                SecurityLog.refused("support_key_locked_out", client, "too many wrong support keys from this provider's addresses");
            }
        }
        return wait;
    }

    // an IPv6 client's /32; IPv4 (and IPv4-mapped) addresses are limited enough by their /24
    private static Optional<String> ipv6Provider(ClientInfo client) {
        String provider = AddressBlock.provider(client.ip());
        return provider.endsWith("::/32") ? Optional.of(provider) : Optional.empty();
    }

    /** The key was right: the attempt does not count against anyone. */
    void right(ClientInfo client) {
        perAddress.release(client.ip());
        perNetwork.release(AddressBlock.of(client.ip()));
        ipv6Provider(client).ifPresent(perProvider::release);
    }

    /** The key was wrong: it stays counted, and counts towards the key space's alarm. */
    void wrong(ClientInfo client) {
        int wrong = countWrong();
        if (wrong > 0) {
            SecurityLog.alarm("support_key_guessing", client, wrong + " wrong support keys within " + WINDOW.toMinutes()
                    + " minutes (alarm above " + alarmThreshold + "): someone may be guessing keys from many addresses;"
                    + " not refused, as the limits are per address and per network");
        }
    }

    /** Counts a wrong key in the current window; the count when this one crossed the threshold (once a window), else 0. */
    private synchronized int countWrong() {
        Instant now = clock.instant();
        if (!now.isBefore(windowStart.plus(WINDOW))) {
            windowStart = now;
            wrongInWindow = 0;
            alarmed = false;
        }
        wrongInWindow++;
        if (wrongInWindow > alarmThreshold && !alarmed) {
            alarmed = true;
            return wrongInWindow;
        }
        return 0;
    }
}
