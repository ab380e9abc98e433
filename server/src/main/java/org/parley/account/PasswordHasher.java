package org.parley.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id (RFC 9106) through password4j, with OWASP's parameters: 19 MiB memory, 2 passes,
 * 1 lane. Hashes are PHC strings, so parameters can be raised later without breaking old hashes.
 */
public final class PasswordHasher {
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    /** Verified against when the account does not exist, so both paths take the same time. */
    private final String decoyHash = hash("decoy password that matches nothing");

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public boolean matches(String password, String storedHash) {
        return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
    }

    /** Spends the time of a real check, for unknown accounts (no timing hint that an email is unknown). */
    public void spendTimeOfACheck(String password) {
        matches(password, decoyHash);
    }
}
