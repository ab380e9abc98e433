package org.parley.operator;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.parley.account.AccountFeature;
import org.parley.config.Config;
import org.parley.privacy.PolicyPublisher;
import org.parley.relay.RelayFeature;
import org.parley.security.SecurityLogTable;

/** The operator's view assembled: who operates, the retention periods, and the routes. */
public final class OperatorFeature {
    /** The security log's file keeps 90 days; its table starts with the same. */
    static final int SECURITY_LOG_DAYS = 90;
    private final Operators operators;
    private final Retention retention;
    private final OperatorRoutes routes;
    private final SecurityLogTable securityLog;
    private final Clock clock;

    public OperatorFeature(Config config, Jdbi jdbi, AccountFeature accounts, RelayFeature relay, PolicyPublisher policies,
                           SecurityLogTable securityLog, Clock clock) {
        this.operators = new Operators(config.operatorEmails());
        this.retention = new Retention(jdbi, config.qualityRetentionDays(), SECURITY_LOG_DAYS, clock);
        this.securityLog = securityLog;
        this.clock = clock;
        accounts.onDelete((h, account) -> securityLog.forget(h, account.id(), account.email().value()));
        this.routes = new OperatorRoutes(operators, accounts, new LiveRooms(relay, jdbi), relay, securityLog, retention, policies,
                config.trustProxy());
    }

    public void registerRoutes(RoutesConfig routes) {
        this.routes.register(routes);
    }

    /** How long quality reports are kept now (the operator's choice, else PARLEY_QUALITY_RETENTION_DAYS). */
    public Duration qualityRetention() {
        return retention.quality();
    }

    /** Deletes security-log entries older than the operator's period; returns how many. */
    public int purgeSecurityLog() {
        return securityLog.purge(retention.securityLog(), clock.instant());
    }
}
