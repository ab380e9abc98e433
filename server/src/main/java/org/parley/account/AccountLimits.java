package org.parley.account;

import java.time.Clock;
import java.time.Duration;
import org.parley.security.RateLimiter;

/**
 * The rate limits on account actions, per client IP and per account, so neither one address
 * nor a botnet aimed at one account can guess passwords or flood someone's mailbox.
 */
public record AccountLimits(
        RateLimiter signInPerIp,
        RateLimiter signInFailuresPerAccount,
        RateLimiter registrationPerIp,
        RateLimiter resetPerIp,
        RateLimiter mailPerAddress,
        RateLimiter tokenPerIp) {

    public static AccountLimits standard(Clock clock) {
        return new AccountLimits(
                new RateLimiter("sign-in per IP", 30, Duration.ofMinutes(5), clock),
                new RateLimiter("failed sign-ins per account", 10, Duration.ofMinutes(15), clock),
                new RateLimiter("registrations per IP", 10, Duration.ofHours(1), clock),
                new RateLimiter("password resets per IP", 10, Duration.ofHours(1), clock),
                new RateLimiter("mails per address", 5, Duration.ofHours(1), clock),
                new RateLimiter("token checks per IP", 30, Duration.ofMinutes(5), clock));
    }
}
