package org.parley.protocol.json;

/**
 * JSON that {@link StrictJson} refuses: not JSON, a key twice, data after the value, beyond a limit,
 * or a value of the wrong type for the record it is read into. The message is one line that says
 * where and why; callers turn it into their own refusal.
 */
public final class MalformedJsonException extends IllegalArgumentException {
    MalformedJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
