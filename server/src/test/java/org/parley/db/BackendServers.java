package org.parley.db;

import java.util.EnumMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.parley.TestDatabase.Backend;
import org.parley.TestServer;

/**
 * One real server per database backend, started on first use and shared by the tests of one
 * class (each test writes its own rows), closed after them. Register it with
 * {@code @RegisterExtension static final BackendServers servers = new BackendServers();}.
 */
public final class BackendServers implements AfterAllCallback {
    private final Map<Backend, TestServer> servers = new EnumMap<>(Backend.class);

    /** Skips the calling test, with the reason printed, when the backend is PostgreSQL and none answers. */
    public synchronized TestServer server(Backend backend) {
        return servers.computeIfAbsent(backend, TestServer::start);
    }

    public Jdbi jdbi(Backend backend) {
        return server(backend).server().database().jdbi();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        try {
            servers.values().forEach(TestServer::close);
        } finally {
            servers.clear();
        }
    }
}
