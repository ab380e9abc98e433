/**
 * What the presenter sees while sharing: an always-on-top window that says the screen is shared and
 * who is in control, with a Stop button. It must never be hidable by a remote controller's events.
 */
package org.parley.agent.indicator;
