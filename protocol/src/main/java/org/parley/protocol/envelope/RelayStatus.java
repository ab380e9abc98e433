package org.parley.protocol.envelope;

/**
 * The one status table of a relay connection: every WebSocket close code it can end with and
 * every code the server puts in an ERROR payload ({@code {"error": code, "message": ...}}), as
 * Guacamole's {@code GuacamoleStatus} and Javalin's {@code WsCloseStatus} give theirs. The server
 * pairs each with an HTTP status for its API, which answers with the same {@link #error()} codes;
 * the browser client mirrors this table in {@code js/protocol/status.js} and
 * {@code src/test/resources/conformance/status.json} is checked against both, so the clients
 * cannot drift.
 *
 * <p>Close codes 1000–1015 are RFC 6455 §7.4.1's; 4000–4999 are ours (4xxx mirrors an HTTP status:
 * 4404 "not found", 4429 "too many"). Several error codes share a close code: the code tells a
 * client how to react, the close reason (text) what to show. {@link #NOT_PRESENT} and
 * {@link #NOT_ADMITTED} and {@link #MEDIA_DROPPED} are sent in an ERROR envelope and leave the connection open.
 */
public enum RelayStatus {
    NORMAL(1000, "normal",
            "The participant left (LEAVE) or the session ended for everyone."),
    GOING_AWAY(1001, "going_away",
            "The server is stopping; join again in a moment."),
    ABNORMAL(1006, "abnormal",
            "No close frame came: the connection was lost (a client's own verdict, never sent)."),
    MESSAGE_TOO_BIG(1009, "message_too_big",
            "A message longer than the relay takes (the WebSocket layer's limit)."),
    INTERNAL(1011, "internal",
            "The server failed; the detail is in its log, never in the reason."),
    SERVICE_RESTART(1012, "service_restart",
            "A server or proxy in front is restarting."),
    TRY_AGAIN_LATER(1013, "try_again_later",
            "A server or proxy in front is overloaded."),
    BAD_GATEWAY(1014, "bad_gateway",
            "A proxy in front could not reach the server."),

    // ours: 4000 + the HTTP status the API answers the same failure with
    INVALID_INPUT(4400, "invalid_input",
            "A malformed or out-of-order message, a forged sender id, a bad JOIN."),
    WEAK_PASSWORD(4400, "weak_password",
            "A password too weak to set (API only)."),
    INVALID_TOKEN(4400, "invalid_token",
            "A link's token is wrong or used up (API only)."),
    WRONG_PASSWORD(4400, "wrong_password",
            "The current password is wrong (API only)."),
    UNAUTHENTICATED(4401, "unauthenticated",
            "Not signed in, or the ticket is not valid."),
    INVALID_CREDENTIALS(4401, "invalid_credentials",
            "Wrong email or password (API only)."),
    CSRF(4403, "csrf",
            "A request without this site's CSRF token (API only)."),
    EMAIL_NOT_VERIFIED(4403, "email_not_verified",
            "The account's email address is not verified yet."),
    FORBIDDEN(4403, "forbidden",
            "The room no longer lets this person in (e.g. a grant was removed)."),
    PAUSED(4403, "paused",
            "The machine's owner paused remote access."),
    REVOKED(4403, "revoked",
            "Access to the room or machine was revoked."),
    NOT_FOUND(4404, "not_found",
            "No such room, or not one this person may see."),
    METHOD_NOT_ALLOWED(4405, "method_not_allowed",
            "The API does not take this method here (API only)."),
    CONFLICT(4409, "conflict",
            "The room refuses this join now (e.g. the session was handed to a colleague)."),
    OFFLINE(4409, "offline",
            "The machine's agent is not connected."),
    ROOM_FULL(4409, "room_full",
            "The room has as many participants as it takes."),
    GONE(4410, "gone",
            "The room is gone: the support session ended."),
    PAYLOAD_TOO_LARGE(4413, "payload_too_large",
            "A request body larger than the API takes (API only)."),
    UNSUPPORTED_MEDIA_TYPE(4415, "unsupported_media_type",
            "A request body that is not JSON (API only)."),
    LOCKED(4429, "locked",
            "Too many wrong guesses; locked for a while."),
    RATE_LIMITED(4429, "rate_limited",
            "More, or faster, than allowed (lower for a participant not yet admitted)."),
    SLOW_CONSUMER(4503, "slow_consumer",
            "The participant did not read fast enough: its send queue overflowed."),
    UNAVAILABLE(4503, "unavailable",
            "The server cannot do it now (e.g. its database); try again in a moment."),

    // sent in an ERROR envelope; the close code is the one the same refusal would carry
    NOT_PRESENT(4404, "not_present",
            "ERROR envelope, connection stays open: the named recipient is not in the room."),
    NOT_ADMITTED(4403, "not_admitted",
            "ERROR envelope, connection stays open: nobody admitted the sender yet, so its DATA, KEY or ADMIT was not forwarded."),
    MEDIA_DROPPED(4503, "media_dropped",
            "ERROR envelope with \"from\" and \"stream\", connection stays open: the receiver fell behind, so the relay drops that sender's MEDIA of that stream to it until a refresh point; ask the sender for one.");

    private final int closeCode;
    private final String error;
    private final String meaning;

    RelayStatus(int closeCode, String error, String meaning) {
        this.closeCode = closeCode;
        this.error = error;
        this.meaning = meaning;
    }

    /** The WebSocket close code (RFC 6455 §7.4) a connection ends with for this status. */
    public int closeCode() {
        return closeCode;
    }

    /** The stable error code, as in {@code {"error": ...}}. */
    public String error() {
        return error;
    }

    /** What it means, in a sentence for whoever reads a log or this table. */
    public String meaning() {
        return meaning;
    }
}
