package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.TestDatabase.Backend;
import org.parley.db.BackendServers;

/** Server-wide keys in the server_secrets table on H2 and PostgreSQL: made once, then the same for every reader. */
class ServerSecretsTest {
    @RegisterExtension
    static final BackendServers servers = new BackendServers();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aKeyIsMadeOnFirstUseAndTheSameEverAfter(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        String name = "test-" + System.nanoTime();

        byte[] first = new ServerSecrets(jdbi).key(name);

        assertThat(first).hasSize(32);
        assertThat(new ServerSecrets(jdbi).key(name)).as("another node, same database").isEqualTo(first);
        assertThat(new ServerSecrets(jdbi).key(name + "-other")).isNotEqualTo(first);
        String stored = jdbi.withHandle(h -> h.createQuery("select secret from server_secrets where name = :n").bind("n", name)
                .mapTo(String.class).one());
        assertThat(stored).isEqualTo(Base64.getEncoder().encodeToString(first));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theServerMadeItsUnsubscribeKeyWhenItStarted(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);

        int keys = jdbi.withHandle(h -> h.createQuery("select count(*) from server_secrets where name = 'unsubscribe'")
                .mapTo(Integer.class).one());
        assertThat(keys).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void nodesAskingForANewKeyAtOnceAllGetTheSameKey(Backend backend) throws Exception {
        Jdbi jdbi = servers.jdbi(backend);
        String name = "race-" + System.nanoTime();
        int nodes = 8;
        var start = new CyclicBarrier(nodes);
        var keys = new ArrayList<Future<byte[]>>();
        try (var pool = Executors.newFixedThreadPool(nodes)) {
            for (int i = 0; i < nodes; i++) {
                keys.add(pool.submit((Callable<byte[]>) () -> {
                    start.await();
                    return new ServerSecrets(jdbi).key(name);
                }));
            }
            byte[] agreed = keys.getFirst().get();
            for (Future<byte[]> key : keys) {
                assertThat(key.get()).isEqualTo(agreed);
            }
        }
    }
}
