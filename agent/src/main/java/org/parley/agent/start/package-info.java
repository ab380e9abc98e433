/**
 * How a person who never opened a terminal starts the agent: the small window that asks for the
 * technician's support key (or arrives with it filled in from a {@code parley-support:} link) and
 * the link's syntax. What happens once the key is given — redeeming it, the consent prompts, the
 * control bar — is the support command's, not this package's.
 */
package org.parley.agent.start;
