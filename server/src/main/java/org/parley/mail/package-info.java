/**
 * Outgoing mail: composing MIME messages, delivering them by SMTP or into the outbox folder, and
 * the rule that marketing mail reaches only people who opted in. That rule is checked here, at
 * send time, for every marketing mail, whoever asked for it to be sent.
 */
package org.parley.mail;
