/**
 * The clear routing envelope: the only part of a session message the relay reads (DESIGN.md §3).
 * Its payload is either a control message for or from the server, or end-to-end ciphertext the
 * relay forwards untouched; nothing here decrypts or interprets payloads.
 */
package org.parley.protocol.envelope;
