package org.parley.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server reads from its environment, with the documented defaults (API.md,
 * Configuration). Built once by {@link #fromEnvironment(Map)}; a bad value throws
 * {@link ConfigException} naming the variable.
 */
public record Config(
        int port,
        String bind,
        Optional<URI> baseUrl,
        Path dataDir,
        Optional<String> dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        Optional<SmtpSettings> smtp,
        Optional<URI> redisUrl,
        boolean trustProxy,
        Path agentJar,
        Optional<String> metricsToken,
        int qualityRetentionDays,
        java.util.Set<String> operatorEmails) {

    public static Config fromEnvironment(Map<String, String> env) {
        var vars = new EnvironmentVariables(env);
        int port = vars.integer("PARLEY_PORT", 8080, 0, 65535);
        return new Config(
                port,
                vars.text("PARLEY_BIND").orElse("127.0.0.1"),
                vars.url("PARLEY_BASE_URL", "http", "https"),
                Path.of(vars.text("PARLEY_DATA_DIR").orElse("./data")),
                vars.jdbcUrl("PARLEY_DB_URL"),
                vars.text("PARLEY_DB_USER"),
                vars.text("PARLEY_DB_PASSWORD"),
                smtp(vars),
                vars.url("PARLEY_REDIS_URL", "redis", "rediss"),
                vars.bool("PARLEY_TRUST_PROXY", false),
                // where `mvn package` puts it, for the one-command start from a checkout
                Path.of(vars.text("PARLEY_AGENT_JAR").orElse("agent/target/parley-agent.jar")),
                metricsToken(vars),
                vars.integer("PARLEY_QUALITY_RETENTION_DAYS", 90, 1, 3650),
                operatorEmails(vars));
    }

    /** GET /metrics is served only with this bearer token; a short one could be guessed, so it is refused. */
    private static Optional<String> metricsToken(EnvironmentVariables vars) {
        Optional<String> token = vars.text("PARLEY_METRICS_TOKEN");
        if (token.isPresent() && token.get().length() < 24) {
            throw new ConfigException("PARLEY_METRICS_TOKEN must be at least 24 characters (e.g. the output of "
                    + "`openssl rand -hex 16`), got " + token.get().length());
        }
        return token;
    }

    /**
     * PARLEY_ADMIN_EMAILS: the accounts (by address, comma-separated) that see the operator's pages.
     * A misspelt list would silently lock the operator out, so a value that is not an address is refused.
     */
    private static java.util.Set<String> operatorEmails(EnvironmentVariables vars) {
        var emails = new java.util.TreeSet<String>();
        for (String part : vars.text("PARLEY_ADMIN_EMAILS").orElse("").split(",")) {
            String address = part.strip().toLowerCase(java.util.Locale.ROOT);
            if (address.isEmpty()) {
                continue;
            }
            if (!address.matches("[^@\\s]+@[^@\\s]+")) {
                throw new ConfigException("PARLEY_ADMIN_EMAILS must be email addresses separated by commas; \""
                        + part.strip() + "\" is not one");
            }
            emails.add(address);
        }
        return java.util.Collections.unmodifiableSet(emails);
    }

    /** The public URL used in mails and links: PARLEY_BASE_URL, else localhost on the bound port. */
    public URI publicUrl(int boundPort) {
        return baseUrl.orElseGet(() -> URI.create("http://localhost:" + boundPort));
    }

    /** Mail goes to {@code dataDir/outbox} as .eml files when no SMTP host is set. */
    public boolean outboxMode() {
        return smtp.isEmpty();
    }

    public Path outboxDir() {
        return dataDir.resolve("outbox");
    }

    private static Optional<SmtpSettings> smtp(EnvironmentVariables vars) {
        // checked even in outbox mode: a typo must not pass silently until SMTP is switched on
        int port = vars.integer("PARLEY_SMTP_PORT", 25, 1, 65535);
        Optional<String> host = vars.text("PARLEY_SMTP_HOST");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String from = vars.text("PARLEY_SMTP_FROM").orElse("Parley <no-reply@" + host.get() + ">");
        return Optional.of(new SmtpSettings(host.get(), port,
                vars.text("PARLEY_SMTP_USER"), vars.text("PARLEY_SMTP_PASSWORD"), from));
    }
}
