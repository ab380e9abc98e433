package org.parley.db;

/**
 * The database cannot be opened or migrated: unreachable, refused the credentials, locked by
 * another process, or a migration failed. The message names the URL (password redacted) and the
 * driver's reason, so an operator can act on it without a stack trace.
 */
public final class DatabaseException extends RuntimeException {
    DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
