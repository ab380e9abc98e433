/**
 * The agent's command line and composition root ({@link org.parley.agent.Main}): it wires sign-in,
 * capture, encoding, injection and the indicator by hand. Joining a session is the protocol
 * module's {@code SessionClient}; nothing here may depend on the server.
 */
package org.parley.agent;
