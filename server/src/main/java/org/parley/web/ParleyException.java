package org.parley.web;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure the client caused, with a message a person understands. Mapped to a response in one
 * place ({@link ErrorResponses}); the message is shown to the user as it is, so it never carries
 * internals.
 */
public class ParleyException extends RuntimeException {
    private final Failure failure;
    private final Optional<Duration> retryAfter;

    public ParleyException(Failure failure, String message) {
        this(failure, message, Optional.empty());
    }

    private ParleyException(Failure failure, String message, Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.failure = failure;
        this.retryAfter = retryAfter;
    }

    public static ParleyException invalid(String message) {
        return new ParleyException(Failure.INVALID_INPUT, message);
    }

    public static ParleyException notFound() {
        return new ParleyException(Failure.NOT_FOUND, "There is nothing here, or you may not see it.");
    }

    public static ParleyException unauthenticated() {
        return new ParleyException(Failure.UNAUTHENTICATED, "Please sign in first.");
    }

    public static ParleyException rateLimited(Duration retryAfter) {
        return new ParleyException(Failure.RATE_LIMITED,
                "Too many attempts. Please wait " + humane(retryAfter) + " and try again.", Optional.of(retryAfter));
    }

    public Failure failure() {
        return failure;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    private static String humane(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        if (seconds < 90) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        return ((seconds + 59) / 60) + " minutes";
    }
}
