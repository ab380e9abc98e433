package org.parley.protocol.keys;

/**
 * A frame that authenticated and was accepted by the replay window.
 *
 * @param epoch the epoch it was sealed in
 * @param sender the sender id named by its KID (equal to the envelope's sender)
 * @param ctr its counter (unsigned)
 * @param plaintext the decrypted bytes
 */
public record OpenedFrame(long epoch, int sender, long ctr, byte[] plaintext) {
}
