/**
 * SFrame (RFC 9605): the header codec, per-KID key and salt derivation, AES-GCM seal and open, and
 * the per-KID replay window. Nothing here knows what an epoch or a participant is: the key schedule
 * in {@code org.parley.protocol.keys} maps those onto KIDs and base keys.
 */
package org.parley.protocol.sframe;
