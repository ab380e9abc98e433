package org.parley.protocol.access;

/**
 * A handshake message from the peer that this side refuses: not the JSON of README §10, a field of
 * the wrong length or encoding, a public value that is 0 mod N, a message out of turn, or an agent
 * whose proof M2 does not verify. Checked, so a caller must decide what the person sees; the
 * message names the problem and never contains secrets. Carries no stack trace: it is driven by
 * the peer (or the relay), not by a bug here.
 */
public final class AccessHandshakeException extends Exception {

    private static final long serialVersionUID = 1L;

    AccessHandshakeException(String message) {
        super(message, null, false, false);
    }
}
