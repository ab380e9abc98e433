package org.parley.account;

import org.jdbi.v3.core.Handle;

/**
 * What another feature erases when an account is deleted, in the same transaction as the
 * account itself: rows that name the person by email rather than by account id (and so are
 * not reached by ON DELETE CASCADE).
 */
@FunctionalInterface
public interface AccountErasure {
    void erase(Handle h, Account account);
}
