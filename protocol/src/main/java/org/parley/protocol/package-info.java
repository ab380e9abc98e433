/**
 * The Parley session protocol: the routing envelope the relay reads, and the end-to-end layer it
 * cannot read (SFrame per RFC 9605, HPKE key delivery per RFC 9180, the epoch key schedule).
 * Pure Java on the JDK and Bouncy Castle; nothing here knows about the server.
 */
package org.parley.protocol;
