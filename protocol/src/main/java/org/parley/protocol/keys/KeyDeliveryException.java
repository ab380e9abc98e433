package org.parley.protocol.keys;

/**
 * A KEY payload the recipient refuses: malformed, or it does not open with the recipient's key and
 * the expected {@code info} (another session, epoch, recipient or public key, or altered bytes).
 * Checked, so a receive loop must handle it; the message never contains key material.
 */
public final class KeyDeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    KeyDeliveryException(String message) {
        super(message);
    }
}
