/**
 * Attended support on the customer's side: redeeming the support key, the session that wires the
 * parts ({@code AssistedSession}), rejoining after a lost connection ({@code ReconnectingLink}) and
 * what the customer is asked ({@code Consents}: each viewer's key, then per request — control now;
 * another kind is another {@code Consents.Request}), and the customer's own record of what happened
 * ({@code SupportRecord}: kept on this computer, never sent). The prompt, control bar and record
 * windows live in {@code org.parley.agent.consent}.
 */
package org.parley.agent.support;
