package org.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every PARLEY_* variable of API.md's Configuration table: its default, its use, and a bad value's message. */
class ConfigTest {

    @Test
    void anEmptyEnvironmentGivesTheDocumentedDefaults() {
        Config config = Config.fromEnvironment(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.baseUrl()).isEmpty();
        assertThat(config.publicUrl(8080)).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.dbUrl()).isEmpty();
        assertThat(config.dbUser()).isEmpty();
        assertThat(config.dbPassword()).isEmpty();
        assertThat(config.smtp()).isEmpty();
        assertThat(config.outboxMode()).isTrue();
        assertThat(config.outboxDir()).isEqualTo(Path.of("./data/outbox"));
        assertThat(config.redisUrl()).isEmpty();
        assertThat(config.trustProxy()).isFalse();
    }

    @Test
    void blankValuesCountAsUnset() {
        Config config = Config.fromEnvironment(Map.of("PARLEY_PORT", " ", "PARLEY_BIND", "", "PARLEY_BASE_URL", "  ",
                "PARLEY_SMTP_HOST", "", "PARLEY_DB_URL", " "));

        assertThat(config).isEqualTo(Config.fromEnvironment(Map.of()));
    }

    @Test
    void everyVariableIsRead() {
        Config config = Config.fromEnvironment(Map.ofEntries(
                Map.entry("PARLEY_PORT", " 9090 "),
                Map.entry("PARLEY_BIND", "0.0.0.0"),
                Map.entry("PARLEY_BASE_URL", "https://meet.example.com/"),
                Map.entry("PARLEY_DATA_DIR", "/var/lib/parley"),
                Map.entry("PARLEY_DB_URL", "jdbc:postgresql://127.0.0.1:5432/parley"),
                Map.entry("PARLEY_DB_USER", "parley"),
                Map.entry("PARLEY_DB_PASSWORD", "s3cret"),
                Map.entry("PARLEY_SMTP_HOST", "smtp.example.com"),
                Map.entry("PARLEY_SMTP_PORT", "587"),
                Map.entry("PARLEY_SMTP_USER", "mailer"),
                Map.entry("PARLEY_SMTP_PASSWORD", "m41l"),
                Map.entry("PARLEY_SMTP_FROM", "Parley <parley@example.com>"),
                Map.entry("PARLEY_REDIS_URL", "rediss://:pw@redis.example.com:6380"),
                Map.entry("PARLEY_TRUST_PROXY", "yes")));

        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.bind()).isEqualTo("0.0.0.0");
        assertThat(config.baseUrl()).contains(URI.create("https://meet.example.com"));
        assertThat(config.publicUrl(9090)).isEqualTo(URI.create("https://meet.example.com"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/parley"));
        assertThat(config.outboxDir()).isEqualTo(Path.of("/var/lib/parley/outbox"));
        assertThat(config.dbUrl()).contains("jdbc:postgresql://127.0.0.1:5432/parley");
        assertThat(config.dbUser()).contains("parley");
        assertThat(config.dbPassword()).contains("s3cret");
        assertThat(config.smtp()).contains(new SmtpSettings("smtp.example.com", 587, Optional.of("mailer"), Optional.of("m41l"),
                "Parley <parley@example.com>"));
        assertThat(config.outboxMode()).isFalse();
        assertThat(config.redisUrl()).contains(URI.create("rediss://:pw@redis.example.com:6380"));
        assertThat(config.trustProxy()).isTrue();
    }

    @Test
    void anSmtpHostAloneUsesPort25AndANoReplySenderAtThatHost() {
        Config config = Config.fromEnvironment(Map.of("PARLEY_SMTP_HOST", "mail.example.org"));

        assertThat(config.smtp()).contains(new SmtpSettings("mail.example.org", 25, Optional.empty(), Optional.empty(),
                "Parley <no-reply@mail.example.org>"));
    }

    @Test
    void portZeroMeansAnyFreePortAndTheBaseUrlFollowsTheBoundPort() {
        Config config = Config.fromEnvironment(Map.of("PARLEY_PORT", "0"));

        assertThat(config.port()).isZero();
        assertThat(config.publicUrl(43117)).isEqualTo(URI.create("http://localhost:43117"));
    }

    @Test
    void anH2UrlIsAcceptedForTheDatabase() {
        assertThat(Config.fromEnvironment(Map.of("PARLEY_DB_URL", "jdbc:h2:mem:parley")).dbUrl()).contains("jdbc:h2:mem:parley");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            PARLEY_PORT          | 80a                          | PARLEY_PORT must be 0–65535, got "80a"
            PARLEY_PORT          | 70000                        | PARLEY_PORT must be 0–65535, got "70000"
            PARLEY_PORT          | -1                           | PARLEY_PORT must be 0–65535, got "-1"
            PARLEY_PORT          | 8080.0                       | PARLEY_PORT must be 0–65535, got "8080.0"
            PARLEY_BASE_URL      | ftp://x                      | PARLEY_BASE_URL must be a http or https URL such as http://host:port, got "ftp://x"
            PARLEY_BASE_URL      | localhost:8080               | PARLEY_BASE_URL must be a http or https URL such as http://host:port, got "localhost:8080"
            PARLEY_BASE_URL      | https://                     | PARLEY_BASE_URL must be a http or https URL such as http://host:port, got "https://"
            PARLEY_BASE_URL      | http://exa mple.com          | PARLEY_BASE_URL must be a http or https URL such as http://host:port, got "http://exa mple.com"
            PARLEY_DB_URL        | mysql://127.0.0.1/parley     | PARLEY_DB_URL must be a jdbc:postgresql:// or jdbc:h2: URL, got "mysql://127.0.0.1/parley"
            PARLEY_DB_URL        | jdbc:mysql://127.0.0.1/p     | PARLEY_DB_URL must be a jdbc:postgresql:// or jdbc:h2: URL, got "jdbc:mysql://127.0.0.1/p"
            PARLEY_SMTP_PORT     | x                            | PARLEY_SMTP_PORT must be 1–65535, got "x"
            PARLEY_SMTP_PORT     | 0                            | PARLEY_SMTP_PORT must be 1–65535, got "0"
            PARLEY_REDIS_URL     | http://x                     | PARLEY_REDIS_URL must be a redis or rediss URL such as redis://host:port, got "http://x"
            PARLEY_TRUST_PROXY   | maybe                        | PARLEY_TRUST_PROXY must be true or false, got "maybe"
            """)
    void aBadValueIsRefusedWithAMessageNamingTheVariableAndTheValue(String variable, String value, String message) {
        // PARLEY_SMTP_PORT is checked with and without a host: a typo must not wait until SMTP is switched on
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class).hasMessage(message);
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of(variable, value, "PARLEY_SMTP_HOST", "smtp.example.com")))
                .isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
