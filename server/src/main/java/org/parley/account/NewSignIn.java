package org.parley.account;

import org.parley.security.SecretToken;

/** The two random tokens of a fresh browser session, to be set as cookies once and then forgotten. */
public record NewSignIn(SecretToken session, SecretToken csrf, boolean remember) {
}
