package org.parley.account;

/** The account behind a request's session cookie, and the session's hashes (never the tokens). */
public record SignedIn(Account account, String sessionHash, String csrfHash) {
}
