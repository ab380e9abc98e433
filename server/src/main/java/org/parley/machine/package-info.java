/**
 * Machines for unattended access: enrolment with a pairing code, the owner's access switch
 * (enabled, paused, revoked), technicians granted by email, single-use connection tickets, the
 * machine's relay room and the list of every connection attempt. Who may reach a machine is
 * decided here and nowhere else; the access password and its SRP verifier never reach this
 * package (they stay on the machine).
 */
package org.parley.machine;
