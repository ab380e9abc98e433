/**
 * The relay's status table, mirrored from the protocol's RelayStatus (org.parley.protocol.envelope):
 * every WebSocket close code a relay connection can end with, and every code the server puts in an
 * ERROR payload `{"error": code, "message": …}`. It is defined there once; StatusTableBrowserTest
 * checks this copy against protocol/src/test/resources/conformance/status.json, which the Java enum
 * writes, so the two clients cannot drift. Compare close codes with these, never with numbers:
 * `event.code === RelayStatus.GONE.closeCode`. Several error codes share a close code (the close
 * reason is the text to show); NOT_PRESENT, NOT_ADMITTED and MEDIA_DROPPED come in an ERROR envelope, with no close.
 */

const entry = (closeCode, error) => Object.freeze({ closeCode, error });

export const RelayStatus = Object.freeze({
  NORMAL: entry(1000, 'normal'),
  GOING_AWAY: entry(1001, 'going_away'),
  ABNORMAL: entry(1006, 'abnormal'),
  MESSAGE_TOO_BIG: entry(1009, 'message_too_big'),
  INTERNAL: entry(1011, 'internal'),
  SERVICE_RESTART: entry(1012, 'service_restart'),
  TRY_AGAIN_LATER: entry(1013, 'try_again_later'),
  BAD_GATEWAY: entry(1014, 'bad_gateway'),
  INVALID_INPUT: entry(4400, 'invalid_input'),
  WEAK_PASSWORD: entry(4400, 'weak_password'),
  INVALID_TOKEN: entry(4400, 'invalid_token'),
  WRONG_PASSWORD: entry(4400, 'wrong_password'),
  UNAUTHENTICATED: entry(4401, 'unauthenticated'),
  INVALID_CREDENTIALS: entry(4401, 'invalid_credentials'),
  CSRF: entry(4403, 'csrf'),
  EMAIL_NOT_VERIFIED: entry(4403, 'email_not_verified'),
  FORBIDDEN: entry(4403, 'forbidden'),
  PAUSED: entry(4403, 'paused'),
  REVOKED: entry(4403, 'revoked'),
  NOT_FOUND: entry(4404, 'not_found'),
  METHOD_NOT_ALLOWED: entry(4405, 'method_not_allowed'),
  CONFLICT: entry(4409, 'conflict'),
  OFFLINE: entry(4409, 'offline'),
  ROOM_FULL: entry(4409, 'room_full'),
  GONE: entry(4410, 'gone'),
  PAYLOAD_TOO_LARGE: entry(4413, 'payload_too_large'),
  UNSUPPORTED_MEDIA_TYPE: entry(4415, 'unsupported_media_type'),
  LOCKED: entry(4429, 'locked'),
  RATE_LIMITED: entry(4429, 'rate_limited'),
  SLOW_CONSUMER: entry(4503, 'slow_consumer'),
  UNAVAILABLE: entry(4503, 'unavailable'),
  NOT_PRESENT: entry(4404, 'not_present'),
  NOT_ADMITTED: entry(4403, 'not_admitted'),
  MEDIA_DROPPED: entry(4503, 'media_dropped'),
});
