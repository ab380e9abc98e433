package org.parley.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.parley.ApiClient;
import org.parley.agent.Main;
import org.parley.agent.desktop.Xvfb;

/**
 * A computer enrolled for unattended access the way its owner does it: {@code parley-agent enroll}
 * with the access password, then approval with the pairing code from the owner's account.
 *
 * @param home the agent's home (its config and log live there)
 * @param env  the environment every agent command of this computer runs with
 */
record EnrolledComputer(String machineId, Path home, Map<String, String> env) {

    static Map<String, String> environment(Path home) {
        return Map.of("XDG_CONFIG_HOME", home.toString(), "PARLEY_AGENT_LOG", home.resolve("agent.log").toString());
    }

    /** Runs {@code enroll} with {@code accessPassword} against {@code server} and returns its pairing code. */
    static String enrol(Xvfb xvfb, Path home, String server, String name, String accessPassword) throws Exception {
        try (var enrol = Child.start(xvfb, with(environment(home), "PARLEY_ACCESS_PASSWORD", accessPassword), Main.class, "enroll",
                "--server", server, "--name", name)) {
            return enrol.awaitLine("the pairing code", line -> line.contains("pairing code: "))
                    .replaceAll(".*pairing code: (\\S+).*", "$1");
        }
    }

    static EnrolledComputer approved(Xvfb xvfb, Path home, String server, String name, String accessPassword, ApiClient owner)
            throws Exception {
        String pairing = enrol(xvfb, home, server, name, accessPassword);
        var approved = owner.post("/api/v1/machines/approve", Map.of("pairingCode", pairing));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return new EnrolledComputer(approved.json().path("id").asText(), home, environment(home));
    }

    Path machineFile() {
        return home.resolve("parley-agent").resolve("machine.json");
    }

    static Map<String, String> with(Map<String, String> env, String key, String value) {
        var copy = new HashMap<>(env);
        copy.put(key, value);
        return copy;
    }
}
