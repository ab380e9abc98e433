package org.parley.machine;

import org.junit.jupiter.api.BeforeAll;
import org.parley.TestDatabase;

/** Every test of {@link MachineSharingTest} again on PostgreSQL (skipped, with the reason printed, where none runs). */
class MachineSharingOnPostgresTest extends MachineSharingTest {

    @BeforeAll
    static void start() {
        start(TestDatabase.Backend.POSTGRESQL);
    }
}
