package org.parley.operator;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.parley.web.ParleyException;

/**
 * How long the server keeps what expires: quality reports and the security log's table. The
 * environment gives the starting value (PARLEY_QUALITY_RETENTION_DAYS; 90 days for the security
 * log, as its file); an operator's choice on the page is stored for every node and wins over it.
 */
final class Retention {
    static final int MIN_DAYS = 1;
    static final int MAX_DAYS = 3650;
    private static final String QUALITY = "quality_retention_days";
    private static final String SECURITY_LOG = "security_log_retention_days";
    private final Jdbi jdbi;
    private final int qualityDefault;
    private final int securityLogDefault;
    private final Clock clock;

    /** The periods, in days. */
    record Periods(int qualityDays, int securityLogDays) {
    }

    Retention(Jdbi jdbi, int qualityDefault, int securityLogDefault, Clock clock) {
        this.jdbi = jdbi;
        this.qualityDefault = qualityDefault;
        this.securityLogDefault = securityLogDefault;
        this.clock = clock;
    }

    Periods periods() {
        return new Periods(days(QUALITY, qualityDefault), days(SECURITY_LOG, securityLogDefault));
    }

    Duration quality() {
        return Duration.ofDays(periods().qualityDays());
    }

    Duration securityLog() {
        return Duration.ofDays(periods().securityLogDays());
    }

    Periods change(Periods wanted, String operatorEmail) {
        check("Quality reports", wanted.qualityDays());
        check("Security log", wanted.securityLogDays());
        jdbi.useTransaction(h -> {
            store(h, QUALITY, wanted.qualityDays(), operatorEmail);
            store(h, SECURITY_LOG, wanted.securityLogDays(), operatorEmail);
        });
        return periods();
    }

    private static void check(String what, int days) {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw ParleyException.invalid(what + ": keep for " + MIN_DAYS + " to " + MAX_DAYS + " days (got " + days + ").");
        }
    }

    private void store(org.jdbi.v3.core.Handle h, String name, int days, String by) {
        h.createUpdate("delete from operator_settings where name = :name").bind("name", name).execute();
        h.createUpdate("insert into operator_settings (name, setting, changed_at, changed_by) values (:name, :value, :at, :by)")
                .bind("name", name).bind("value", Integer.toString(days)).bind("at", Timestamp.from(clock.instant()))
                .bind("by", by).execute();
    }

    private int days(String name, int fallback) {
        return jdbi.withHandle(h -> h.createQuery("select setting from operator_settings where name = :name")
                .bind("name", name).mapTo(String.class).findOne()).map(Integer::parseInt).orElse(fallback);
    }
}
