package org.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code java org.parley.Main} as an operator starts it: a bad setting or an unusable database or
 * port stops it at once with one line naming the cause, and no stack trace.
 */
class MainTest {
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);
    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            PARLEY_PORT      | 80a                    | PARLEY_PORT must be 0–65535, got "80a"
            PARLEY_PORT      | 70000                  | PARLEY_PORT must be 0–65535, got "70000"
            PARLEY_BASE_URL  | ftp://x                | PARLEY_BASE_URL must be a http or https URL
            PARLEY_DB_URL    | mysql://localhost/p    | PARLEY_DB_URL must be a jdbc:postgresql:// or jdbc:h2: URL, got "mysql://localhost/p"
            PARLEY_SMTP_PORT | x                      | PARLEY_SMTP_PORT must be 1–65535, got "x"
            PARLEY_REDIS_URL | http://x               | PARLEY_REDIS_URL must be a redis or rediss URL
            """)
    void aBadSettingExitsWithStatus2AndOneLineNamingTheVariable(String variable, String value, String message) {
        try (var child = ServerProcess.start(env(variable, value))) {
            assertThat(child.awaitExit(EXIT_WITHIN)).as(child.output()).isEqualTo(2);
            assertThat(child.stderr()).startsWith("parley-server: " + message);
            assertThat(child.stderr().lines()).as(child.output()).hasSize(1);
            assertNoStackTrace(child);
        }
    }

    @Test
    void anUnreachablePostgresqlExitsWithAClearMessage() {
        try (var child = ServerProcess.start(env("PARLEY_DB_URL", "jdbc:postgresql://127.0.0.1:1/parley?connectTimeout=2"))) {
            assertThat(child.awaitExit(EXIT_WITHIN)).as(child.output()).isEqualTo(1);
            assertThat(child.stderr()).as(child.output())
                    .contains("parley-server: cannot open the database jdbc:postgresql://127.0.0.1:1/parley")
                    .contains("Connection to 127.0.0.1:1 refused");
            assertNoStackTrace(child);
        }
    }

    @Test
    void aPortInUseExitsWithAClearMessage() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             var child = ServerProcess.start(env("PARLEY_PORT", Integer.toString(taken.getLocalPort())))) {
            assertThat(child.awaitExit(EXIT_WITHIN)).as(child.output()).isEqualTo(1);
            assertThat(child.stderr()).as(child.output())
                    .contains("parley-server: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("PARLEY_PORT");
            assertNoStackTrace(child);
        }
    }

    private Map<String, String> env(String variable, String value) {
        var env = new HashMap<String, String>();
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        env.put("PARLEY_PORT", "0");
        env.put(variable, value);
        return env;
    }

    private static void assertNoStackTrace(ServerProcess child) {
        assertThat(child.output()).as(child.output()).doesNotContain("\tat ", "Exception in thread", "Caused by:");
    }
}
