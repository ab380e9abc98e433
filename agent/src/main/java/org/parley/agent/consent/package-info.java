/**
 * What the customer sees during a support session: the {@link org.parley.agent.consent.ConsentPrompt}
 * that asks before anyone sees or controls this screen, and the always-on-top
 * {@link org.parley.agent.consent.ControlBar} that pauses viewing, takes control back, ends the
 * session and carries the chat, and the {@link org.parley.agent.consent.RecordWindow} that shows the
 * customer what happened once it is over. Names and chat come from the network and are shown as plain text
 * only; nothing here decides who may do what, it only asks and reports.
 */
package org.parley.agent.consent;
