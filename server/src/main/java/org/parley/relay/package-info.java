/**
 * The session relay: one WebSocket per participant, routing envelopes (protocol/README.md §1)
 * between the people the server lets into a meeting. It reads only the clear routing header and
 * its own control messages; DATA and KEY payloads are ciphertext it forwards untouched. It holds
 * no keys, stores nothing of what passes, and touches the database only at join and leave.
 */
package org.parley.relay;
