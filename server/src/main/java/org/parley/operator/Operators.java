package org.parley.operator;

import java.util.Set;
import org.parley.account.Account;
import org.parley.account.SignedIn;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * Who operates this server: the signed-in accounts whose address is in PARLEY_ADMIN_EMAILS. Only a
 * verified address counts (sign-in requires one anyway), so registering an operator's address
 * before they do gains nothing.
 */
record Operators(Set<String> emails) {
    Operators {
        emails = Set.copyOf(emails);
    }

    boolean includes(Account account) {
        return account.emailVerified() && emails.contains(account.email().value());
    }

    /** The signed-in operator, or a 403 a person understands. */
    SignedIn require(SignedIn who) {
        if (!includes(who.account())) {
            throw new ParleyException(Failure.FORBIDDEN,
                    "This page is for the operators of this Parley server. Your account is not one of them.");
        }
        return who;
    }
}
