/**
 * Attended support on the customer's side: redeeming the support key, asking the customer's
 * consent for each viewer and, separately, for control, and the always-visible control bar.
 */
package org.parley.agent.support;
