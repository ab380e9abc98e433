/**
 * The access handshake of unattended access (protocol README §10): SRP-6a over the RFC 5054
 * 2048-bit group with SHA-256, so a caller proves it knows a machine's access password, and the
 * agent proves it holds the verifier, without either sending the password. The handshake is bound
 * to both participants' JOIN keys, so a relay that swaps keys is caught; afterwards the agent
 * confirms each epoch with the handshake's key K, so a relay cannot slip the caller a secret of its
 * own. Messages are clear JSON in HANDSHAKE envelopes; nothing here sends them or knows about
 * the server.
 */
package org.parley.protocol.access;
