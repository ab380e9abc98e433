package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.TestDatabase;
import org.parley.TestServer;

/** The customer page's download link hands out the agent jar the operator configured, or says why not. */
class AgentDownloadTest {

    @Test
    void theConfiguredAgentIsDownloadedAsAJarAndAMissingOneIsAClear503() throws Exception {
        Path jar = Files.createTempFile("parley-agent", ".jar");
        byte[] bytes = new byte[64 * 1024]; // more than any compression threshold
        new java.util.Random(7).nextBytes(bytes);
        bytes[0] = 'P';
        bytes[1] = 'K';
        Files.write(jar, bytes);
        try (var server = TestServer.start(TestDatabase.Backend.H2, Map.of("PARLEY_AGENT_JAR", jar.toString()), Clock.systemUTC())) {
            // as curl --compressed asks: the jar comes as it is, its length what Content-Length says
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + AgentDownload.PATH))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(bytes.length));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(bytes);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/java-archive");
            assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
        } finally {
            Files.delete(jar);
        }
        try (var server = TestServer.start(TestDatabase.Backend.H2, Map.of("PARLEY_AGENT_JAR", jar.toString()), Clock.systemUTC())) {
            var missing = server.client().get(AgentDownload.PATH);
            assertThat(missing.status()).isEqualTo(503);
            assertThat(missing.json().path("message").asText()).contains("PARLEY_AGENT_JAR");
        }
    }

    @Test
    void theAgentPackagedWithItsRuntimeIsServedFromBesideTheJarAndAMissingOneIsAClear503() throws Exception {
        Path folder = Files.createTempDirectory("parley-agent-download");
        Path jar = Files.write(folder.resolve("parley-agent.jar"), new byte[] {'P', 'K'});
        Path packages = Files.createDirectory(folder.resolve("jpackage"));
        byte[] deb = "!<arch>\ndebian-binary".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(packages.resolve("parley-agent_0.1.0_amd64.deb"), deb);
        try (var server = TestServer.start(TestDatabase.Backend.H2, Map.of("PARLEY_AGENT_JAR", jar.toString()), Clock.systemUTC())) {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + AgentDownload.DEB))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(deb);
            assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"parley-agent.deb\"");
            var offered = server.client().get("/api/v1/agent-downloads").json();
            assertThat(offered.path("jar").asBoolean()).isTrue();
            assertThat(offered.path("deb").asBoolean()).as("what the customer page offers").isTrue();
            assertThat(offered.path("archive").asBoolean()).isFalse();
            var missing = server.client().get(AgentDownload.ARCHIVE);
            assertThat(missing.status()).isEqualTo(503);
            assertThat(missing.json().path("message").asText()).contains("jpackage").contains("Java 21");
        } finally {
            TestServer.deleteRecursively(folder);
        }
    }

    @Test
    void everyPagesFaviconRequestIsAnswered() throws Exception {
        try (var server = TestServer.start()) {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/favicon.ico"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith(0, 0, 1, 0, 1, 0); // an ICO with one image
        }
    }
}
