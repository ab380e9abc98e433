/**
 * Unattended access: enrolment, the machine's local file (which alone holds the access password's
 * SRP verifier), the service loop that keeps the machine reachable, and the access handshake that
 * admits a caller only with the right password.
 */
package org.parley.agent.unattended;
