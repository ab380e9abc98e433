package org.parley.web;

/**
 * The status table: every failure a client can cause, with its HTTP status, its WebSocket close
 * code (4000–4999 are ours) and its stable error code for {@code {"error": ...}}.
 */
public enum Failure {
    INVALID_INPUT(400, 4400, "invalid_input"),
    WEAK_PASSWORD(400, 4400, "weak_password"),
    INVALID_TOKEN(400, 4400, "invalid_token"),
    UNAUTHENTICATED(401, 4401, "unauthenticated"),
    INVALID_CREDENTIALS(401, 4401, "invalid_credentials"),
    WRONG_PASSWORD(400, 4400, "wrong_password"),
    CSRF(403, 4403, "csrf"),
    EMAIL_NOT_VERIFIED(403, 4403, "email_not_verified"),
    FORBIDDEN(403, 4403, "forbidden"),
    NOT_FOUND(404, 4404, "not_found"),
    METHOD_NOT_ALLOWED(405, 4405, "method_not_allowed"),
    CONFLICT(409, 4409, "conflict"),
    GONE(410, 4410, "gone"),
    PAUSED(403, 4403, "paused"),
    REVOKED(403, 4403, "revoked"),
    OFFLINE(409, 4409, "offline"),
    LOCKED(429, 4429, "locked"),
    PAYLOAD_TOO_LARGE(413, 4413, "payload_too_large"),
    UNSUPPORTED_MEDIA_TYPE(415, 4415, "unsupported_media_type"),
    RATE_LIMITED(429, 4429, "rate_limited"),
    ROOM_FULL(409, 4409, "room_full"),
    SLOW_CONSUMER(503, 4503, "slow_consumer"),
    UNAVAILABLE(503, 4503, "unavailable"),
    INTERNAL(500, 1011, "internal");

    private final int httpStatus;
    private final int closeCode;
    private final String code;

    Failure(int httpStatus, int closeCode, String code) {
        this.httpStatus = httpStatus;
        this.closeCode = closeCode;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int closeCode() {
        return closeCode;
    }

    public String code() {
        return code;
    }
}
