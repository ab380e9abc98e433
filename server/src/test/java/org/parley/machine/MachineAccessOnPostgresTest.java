package org.parley.machine;

import org.junit.jupiter.api.BeforeAll;
import org.parley.TestDatabase;

/** Every test of {@link MachineAccessTest} again on PostgreSQL (skipped, with the reason printed, where none runs). */
class MachineAccessOnPostgresTest extends MachineAccessTest {

    @BeforeAll
    static void start() {
        start(TestDatabase.Backend.POSTGRESQL);
    }
}
