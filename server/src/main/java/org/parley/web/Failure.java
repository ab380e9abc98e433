package org.parley.web;

import org.parley.protocol.envelope.RelayStatus;

/**
 * The status table: every failure a client can cause, with its HTTP status. Its WebSocket close
 * code and its stable error code for {@code {"error": ...}} are the protocol's {@link RelayStatus},
 * defined once there so that the relay and both clients read the same table.
 */
public enum Failure {
    INVALID_INPUT(400, RelayStatus.INVALID_INPUT),
    WEAK_PASSWORD(400, RelayStatus.WEAK_PASSWORD),
    INVALID_TOKEN(400, RelayStatus.INVALID_TOKEN),
    UNAUTHENTICATED(401, RelayStatus.UNAUTHENTICATED),
    INVALID_CREDENTIALS(401, RelayStatus.INVALID_CREDENTIALS),
    WRONG_PASSWORD(400, RelayStatus.WRONG_PASSWORD),
    CSRF(403, RelayStatus.CSRF),
    EMAIL_NOT_VERIFIED(403, RelayStatus.EMAIL_NOT_VERIFIED),
    FORBIDDEN(403, RelayStatus.FORBIDDEN),
    NOT_FOUND(404, RelayStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED(405, RelayStatus.METHOD_NOT_ALLOWED),
    CONFLICT(409, RelayStatus.CONFLICT),
    GONE(410, RelayStatus.GONE),
    PAUSED(403, RelayStatus.PAUSED),
    REVOKED(403, RelayStatus.REVOKED),
    OFFLINE(409, RelayStatus.OFFLINE),
    LOCKED(429, RelayStatus.LOCKED),
    PAYLOAD_TOO_LARGE(413, RelayStatus.PAYLOAD_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(415, RelayStatus.UNSUPPORTED_MEDIA_TYPE),
    RATE_LIMITED(429, RelayStatus.RATE_LIMITED),
    ROOM_FULL(409, RelayStatus.ROOM_FULL),
    SLOW_CONSUMER(503, RelayStatus.SLOW_CONSUMER),
    UNAVAILABLE(503, RelayStatus.UNAVAILABLE),
    INTERNAL(500, RelayStatus.INTERNAL);

    private final int httpStatus;
    private final RelayStatus status;

    Failure(int httpStatus, RelayStatus status) {
        this.httpStatus = httpStatus;
        this.status = status;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The protocol's entry this failure closes a relay connection with. */
    public RelayStatus status() {
        return status;
    }

    public int closeCode() {
        return status.closeCode();
    }

    public String code() {
        return status.error();
    }
}
