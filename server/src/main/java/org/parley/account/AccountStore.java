package org.parley.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for the accounts table. */
public final class AccountStore {
    private static final String COLUMNS = "id, email, first_name, last_name, email_verified, pending_email, "
            + "created_at, password_changed_at, newsletter, offers";
    private final Jdbi jdbi;

    public AccountStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    record Credentials(Account account, String passwordHash, boolean disabled) {
    }

    /** An account as an operator sees it in a search: no password hash, no preferences. */
    public record Listed(UUID id, String email, String firstName, String lastName, boolean emailVerified,
                         Instant createdAt, Instant disabledAt) {
    }

    /** Inserts the account; returns false (and writes nothing) if the email is taken. */
    boolean insert(Handle h, Account a, String passwordHash) {
        if (h.createQuery("select count(*) from accounts where email = :email").bind("email", a.email().value())
                .mapTo(Integer.class).one() > 0) {
            return false;
        }
        h.createUpdate("insert into accounts (id, email, first_name, last_name, password_hash, email_verified, "
                        + "created_at, password_changed_at, newsletter, offers) "
                        + "values (:id, :email, :first, :last, :hash, false, :now, :now, false, false)")
                .bind("id", a.id()).bind("email", a.email().value()).bind("first", a.firstName())
                .bind("last", a.lastName()).bind("hash", passwordHash).bind("now", Timestamp.from(a.createdAt()))
                .execute();
        return true;
    }

    /** Whether the failure is a unique-index violation (SQLSTATE 23505 on both H2 and PostgreSQL). */
    static boolean violatesUniqueIndex(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public Optional<Account> find(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from accounts where id = :id")
                .bind("id", id).map(AccountStore::account).findOne());
    }

    Optional<Credentials> credentials(EmailAddress email) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + ", password_hash, disabled_at from accounts where email = :email")
                .bind("email", email.value())
                .map((rs, ctx) -> new Credentials(account(rs, ctx), rs.getString("password_hash"),
                        rs.getTimestamp("disabled_at") != null)).findOne());
    }

    public Optional<UUID> idOf(EmailAddress email) {
        return jdbi.withHandle(h -> h.createQuery("select id from accounts where email = :email")
                .bind("email", email.value()).mapTo(UUID.class).findOne());
    }

    /** The mail layer's consent gate: only an account that opted in to this kind of mail. */
    public boolean allowsMarketing(String address, org.parley.mail.MailCategory category) {
        String column = switch (category) {
            case NEWSLETTER -> "newsletter";
            case OFFERS -> "offers";
            case TRANSACTIONAL -> "true";
        };
        return jdbi.withHandle(h -> h.createQuery("select count(*) from accounts where email = :email and email_verified and " + column)
                .bind("email", address.toLowerCase(java.util.Locale.ROOT)).mapTo(Integer.class).one() > 0);
    }

    /** Verified addresses that opted in to this kind of marketing mail. */
    public java.util.List<String> marketingAudience(org.parley.mail.MailCategory category) {
        String column = category == org.parley.mail.MailCategory.OFFERS ? "offers" : "newsletter";
        return jdbi.withHandle(h -> h.createQuery("select email from accounts where email_verified and " + column + " order by email")
                .mapTo(String.class).list());
    }

    Optional<String> passwordHash(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select password_hash from accounts where id = :id")
                .bind("id", id).mapTo(String.class).findOne());
    }

    boolean emailTaken(Handle h, EmailAddress email) {
        return h.createQuery("select count(*) from accounts where email = :email").bind("email", email.value())
                .mapTo(Integer.class).one() > 0;
    }

    void updateNames(Handle h, UUID id, String firstName, String lastName) {
        h.createUpdate("update accounts set first_name = :first, last_name = :last where id = :id")
                .bind("first", firstName).bind("last", lastName).bind("id", id).execute();
    }

    void setPendingEmail(Handle h, UUID id, EmailAddress email) {
        h.createUpdate("update accounts set pending_email = :email where id = :id")
                .bind("email", email.value()).bind("id", id).execute();
    }

    void applyEmail(Handle h, UUID id, EmailAddress email) {
        h.createUpdate("update accounts set email = :email, pending_email = null, email_verified = true where id = :id")
                .bind("email", email.value()).bind("id", id).execute();
    }

    void markVerified(Handle h, UUID id) {
        h.createUpdate("update accounts set email_verified = true where id = :id").bind("id", id).execute();
    }

    void setPasswordHash(Handle h, UUID id, String hash, Instant now) {
        h.createUpdate("update accounts set password_hash = :hash, password_changed_at = :now where id = :id")
                .bind("hash", hash).bind("now", Timestamp.from(now)).bind("id", id).execute();
    }

    public void setPreferences(UUID id, Preferences preferences) {
        jdbi.useHandle(h -> h.createUpdate("update accounts set newsletter = :newsletter, offers = :offers where id = :id")
                .bind("newsletter", preferences.newsletter()).bind("offers", preferences.offers()).bind("id", id).execute());
    }

    /** Turns marketing mail off for whoever has this address; true if an account had it. */
    public boolean unsubscribe(EmailAddress email, Preferences keep) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "update accounts set newsletter = newsletter and :newsletter, offers = offers and :offers where email = :email")
                .bind("newsletter", keep.newsletter()).bind("offers", keep.offers()).bind("email", email.value())
                .execute() > 0);
    }

    /**
     * Accounts whose email or name contains {@code text} (any case), newest first, at most
     * {@code limit}; an empty text lists the newest. LIKE's wildcards in the text match themselves.
     */
    public java.util.List<Listed> search(String text, int limit) {
        // '!' escapes LIKE's wildcards: a backslash is read as an escape by Jdbi's SQL parser and differently by each database
        String pattern = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return jdbi.withHandle(h -> h.createQuery("select id, email, first_name, last_name, email_verified, created_at, disabled_at "
                        + "from accounts where lower(email) like :p escape '!' or lower(first_name || ' ' || last_name) like :p escape '!' "
                        + "order by created_at desc, email limit :limit")
                .bind("p", pattern).bind("limit", limit)
                .map((rs, ctx) -> new Listed(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getBoolean("email_verified"), rs.getTimestamp("created_at").toInstant(),
                        java.util.Optional.ofNullable(rs.getTimestamp("disabled_at")).map(Timestamp::toInstant).orElse(null)))
                .list());
    }

    /** Sets or clears when the account was disabled; false if there is no such account. */
    boolean setDisabled(Handle h, UUID id, Optional<Instant> since) {
        return h.createUpdate("update accounts set disabled_at = :at where id = :id")
                .bind("at", since.map(Timestamp::from).orElse(null)).bind("id", id).execute() > 0;
    }

    void delete(Handle h, UUID id) {
        h.createUpdate("delete from accounts where id = :id").bind("id", id).execute();
    }

    static Account account(ResultSet rs, StatementContext ctx) throws SQLException {
        String pending = rs.getString("pending_email");
        return new Account(
                rs.getObject("id", UUID.class),
                new EmailAddress(rs.getString("email")),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getBoolean("email_verified"),
                pending == null ? Optional.empty() : Optional.of(new EmailAddress(pending)),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("password_changed_at").toInstant(),
                new Preferences(rs.getBoolean("newsletter"), rs.getBoolean("offers")));
    }
}
