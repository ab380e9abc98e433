/**
 * The Parley key schedule on top of SFrame and HPKE (protocol README §2–§6): epoch secrets and their
 * ratchet, per-sender KIDs and base keys, KEY payloads, invitation proofs, verification codes, key
 * fingerprints (§8), a participant's {@link org.parley.protocol.keys.SessionKeys}, and the pairwise
 * input keys of §9.1. No networking and no server code here.
 */
package org.parley.protocol.keys;
