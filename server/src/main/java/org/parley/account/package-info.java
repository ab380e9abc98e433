/**
 * Accounts: registration, email verification, sign-in sessions, password change and reset,
 * profile edits, the security history and deletion. Routes validate input into domain types;
 * the services hold the rules; the stores hold the SQL. Mail wording lives in AccountMails.
 */
package org.parley.account;
