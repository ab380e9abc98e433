/**
 * A participant's side of a Parley session (protocol README §8) over the JDK WebSocket client:
 * joining, the roster, the waiting room, the keyholder's duties, chat and other in-session content.
 * Pure JDK and our own protocol classes; nothing here may depend on the server.
 */
package org.parley.protocol.client;
