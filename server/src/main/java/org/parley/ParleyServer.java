package org.parley;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parley.account.AccountFeature;
import org.parley.account.AccountLimits;
import org.parley.account.AccountModule;
import org.parley.account.SignInCookies;
import org.parley.config.Config;
import org.parley.config.PublicUrl;
import org.parley.db.Database;
import org.parley.mail.MailTransport;
import org.parley.mail.Mailer;
import org.parley.mail.OutboxRoutes;
import org.parley.mail.OutboxTransport;
import org.parley.mail.SmtpTransport;
import org.parley.meeting.MeetingFeature;
import org.parley.relay.RelayFeature;
import org.parley.relay.RelayLimits;
import org.parley.machine.MachineFeature;
import org.parley.support.SupportFeature;
import org.parley.privacy.AccountExport;
import org.parley.privacy.PolicyPublisher;
import org.parley.privacy.PolicyStore;
import org.parley.privacy.PrivacyRoutes;
import org.parley.privacy.UnsubscribeTokens;
import org.parley.security.RateLimiter;
import org.parley.security.ServerSecrets;
import org.parley.web.ErrorResponses;
import org.parley.web.Json;
import org.parley.web.JsonErrorPages;
import org.parley.web.SecurityHeaders;
import org.parley.web.ServiceRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds every part by hand, wires them, starts and stops the server. */
public final class ParleyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);
    static final long MAX_REQUEST_BYTES = 64 * 1024;
    private final Config config;
    private final Database database;
    private final Mailer mailer;
    private final PublicUrl publicUrl;
    private final AccountFeature accounts;
    private final PolicyPublisher policyPublisher;
    private final MeetingFeature meetings;
    private final RelayFeature relay;
    private final SupportFeature support;
    private final org.parley.security.SecurityLogFile securityLog;
    private final org.parley.security.SecurityLogTable securityLogTable;
    private final org.parley.operator.OperatorFeature operator;
    private final MachineFeature machines;
    private final java.util.Optional<org.parley.metrics.ParleyMetrics> metrics;
    private final Javalin app;
    private final List<String> routes = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicReference<org.eclipse.jetty.server.Server> jetty = new java.util.concurrent.atomic.AtomicReference<>();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("housekeeping").factory());

    private ParleyServer(Config config, Clock clock) {
        this.config = config;
        this.publicUrl = config.baseUrl().map(PublicUrl::new).orElseGet(PublicUrl::new);
        this.database = Database.open(config);
        this.securityLog = org.parley.security.SecurityLogFile.open(config.dataDir().resolve("security.log"));
        this.securityLogTable = org.parley.security.SecurityLogTable.open(database.jdbi());
        // from here on, a failure must detach the security log and release the database
        try {
            var jdbi = database.jdbi();
        var policies = new PolicyStore(jdbi);
        var unsubscribe = new UnsubscribeTokens(new ServerSecrets(jdbi).key("unsubscribe"), publicUrl);
        var accountStoreForConsent = new org.parley.account.AccountStore(jdbi);
        this.mailer = new Mailer(transport(config), from(config), accountStoreForConsent::allowsMarketing, unsubscribe);
        var module = AccountModule.create(jdbi, mailer, publicUrl, AccountLimits.standard(clock), clock);
        this.accounts = new AccountFeature(module, id -> policies.versionToAccept(id, clock.instant()));
        this.policyPublisher = new PolicyPublisher(policies, mailer, publicUrl, clock);
        this.meetings = new MeetingFeature(jdbi, accounts, mailer, publicUrl, clock);
        this.relay = new RelayFeature(accounts, meetings, publicUrl, RelayLimits.standard(), clock);
        this.support = new SupportFeature(jdbi, accounts, publicUrl, clock, relay);
        relay.addGate(support.gate());
        this.machines = new MachineFeature(jdbi, accounts, publicUrl, clock, relay);
        relay.addGate(machines.gate());
        this.operator = new org.parley.operator.OperatorFeature(config, jdbi, accounts, relay, policyPublisher, securityLogTable, clock);
        this.metrics = config.metricsToken().map(token -> new org.parley.metrics.ParleyMetrics(relay, database.dataSource()));
        var cookies = new SignInCookies(config.baseUrl().map(u -> "https".equals(u.getScheme())).orElse(false));
        var privacy = new PrivacyRoutes(accounts, new AccountExport(jdbi), unsubscribe, policies,
                new RateLimiter("unsubscribe per IP", 30, Duration.ofMinutes(5), clock), config.trustProxy(), clock);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, true));
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
            });
            cfg.events.handlerAdded(meta -> routes.add(meta.getHttpMethod() + " " + meta.getPath()));
            cfg.requestLogger.http((ctx, ms) -> {
                String route = ctx.endpoint() == null ? "(static)" : ctx.endpoint().path;
                log.atInfo().addKeyValue("method", ctx.method()).addKeyValue("route", route)
                        .addKeyValue("status", ctx.statusCode()).addKeyValue("ms", Math.round(ms)).log("http");
                metrics.ifPresent(m -> m.request(ctx.method().name(), route, ctx.statusCode(), ms));
            });
            cfg.routes.before(SecurityHeaders::apply);
            ErrorResponses.register(cfg.routes, config.trustProxy());
            new ServiceRoutes(database.dataSource()).register(cfg.routes);
            new org.parley.web.VendorFiles().register(cfg.routes);
            metrics.ifPresent(m -> new org.parley.metrics.MetricsRoutes(m, config.metricsToken().orElseThrow()).register(cfg.routes));
            accounts.registerRoutes(cfg.routes, cookies, config.trustProxy());
            privacy.register(cfg.routes);
            meetings.registerRoutes(cfg.routes, config.trustProxy());
            support.registerRoutes(cfg.routes, config.trustProxy());
            machines.registerRoutes(cfg.routes, config.trustProxy());
            operator.registerRoutes(cfg.routes);
            new org.parley.web.AgentDownload(config.agentJar()).register(cfg.routes);
            relay.registerRoutes(cfg.routes);
            cfg.jetty.modifyServer(jetty -> {
                jetty.setErrorHandler(new JsonErrorPages());
                this.jetty.set(jetty);
            });
            cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorPages()));
            cfg.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxBinaryMessageSize(relay.maxMessageBytes());
                factory.setMaxTextMessageSize(1024);
            });
            if (config.outboxMode()) {
                new OutboxRoutes(config.outboxDir()).register(cfg.routes);
            }
        });
        } catch (RuntimeException wiringFailed) {
            securityLogTable.close();
            database.close();
            securityLog.close();
            throw wiringFailed;
        }
    }

    /** Opens the database (migrating it), binds the port and starts serving. */
    public static ParleyServer start(Config config) {
        return start(config, Clock.systemUTC());
    }

    public static ParleyServer start(Config config, Clock clock) {
        var server = new ParleyServer(config, clock);
        // from here on, a failure must release the database file and the mail workers
        try {
            server.app.start(config.bind(), config.port());
            server.boundSendBuffers();
        } catch (RuntimeException bindFailed) {
            server.close();
            throw new PortUnavailableException(config.bind(), config.port(), bindFailed);
        }
        server.publicUrl.resolve(config.publicUrl(server.port()));
        server.housekeeping.scheduleAtFixedRate(logged("purge", server.accounts::purgeExpired), 1, 60, TimeUnit.MINUTES);
        server.housekeeping.scheduleAtFixedRate(logged("reminders", server.meetings::sendReminders), 1, 1, TimeUnit.MINUTES);
        server.housekeeping.scheduleAtFixedRate(logged("support keys", server.support::forgetExpiredKeys), 1, 1, TimeUnit.MINUTES);
        server.housekeeping.scheduleAtFixedRate(logged("support reconnects", server.support::endAbandoned), 10, 10, TimeUnit.SECONDS);
        server.housekeeping.scheduleAtFixedRate(logged("machine enrolments", server.machines::purgeExpired), 1, 5, TimeUnit.MINUTES);
        // the periods are read at each run: an operator may have changed them on the operator's page
        server.housekeeping.scheduleAtFixedRate(logged("quality records",
                () -> server.meetings.purgeQualityRecords(server.operator.qualityRetention())), 2, 60, TimeUnit.MINUTES);
        server.housekeeping.scheduleAtFixedRate(logged("security log", server.operator::purgeSecurityLog), 3, 60, TimeUnit.MINUTES);
        return server;
    }

    /**
     * README §12, "Media flow control": each socket accepted from now on gets the relay's fixed send
     * buffer, so a slow receiver's backlog waits where the relay can drop media, not in the kernel.
     * (Set once the connectors exist; Jetty reads it at every accept.)
     */
    private void boundSendBuffers() {
        for (var connector : jetty.get().getConnectors()) {
            if (connector instanceof org.eclipse.jetty.server.ServerConnector accepting) {
                accepting.setAcceptedSendBufferSize(relay.socketSendBuffer());
            }
        }
    }

    /** A periodic task whose failure is logged; an exception would otherwise cancel every later run silently. */
    private static Runnable logged(String task, Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.atError().setCause(e).addKeyValue("task", task).log("housekeeping task failed");
            }
        };
    }

    private static MailTransport transport(Config config) {
        return config.smtp().<MailTransport>map(SmtpTransport::new).orElseGet(() -> new OutboxTransport(config.outboxDir()));
    }

    private static String from(Config config) {
        return config.smtp().map(s -> s.from()).orElse("Parley <no-reply@localhost>");
    }

    public int port() {
        return app.port();
    }

    public URI baseUrl() {
        return publicUrl.get();
    }

    public Database database() {
        return database;
    }

    public Mailer mailer() {
        return mailer;
    }

    public AccountFeature accounts() {
        return accounts;
    }

    public MeetingFeature meetings() {
        return meetings;
    }

    public RelayFeature relay() {
        return relay;
    }

    public SupportFeature support() {
        return support;
    }

    public org.parley.operator.OperatorFeature operator() {
        return operator;
    }

    public PolicyPublisher policyPublisher() {
        return policyPublisher;
    }

    /** Every registered route as "METHOD /path", for the test that keeps the OpenAPI document true. */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    public Config config() {
        return config;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        relay.close();
        app.stop();
        metrics.ifPresent(org.parley.metrics.ParleyMetrics::close);
        mailer.close();
        securityLogTable.close();
        database.close();
        securityLog.close();
    }
}
