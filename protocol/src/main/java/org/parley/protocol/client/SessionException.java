package org.parley.protocol.client;

/** A session could not be opened: refused at the upgrade, cut off, or the relay did not answer in time. */
public final class SessionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
