package org.parley.agent.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.agent.desktop.ChildJvm;
import org.parley.agent.desktop.Xvfb;
import org.parley.agent.desktop.XvfbExtension;

@ExtendWith(XvfbExtension.class)
class RecordWindowOnXvfbTest {

    @Test
    void theCustomerReadsTheRecordSavesItWhereSuggestedAndClosesIt(Xvfb xvfb, @TempDir Path dir) throws Exception {
        List<String> result = ChildJvm.run(xvfb, RecordWindowScenario.class, Duration.ofSeconds(90),
                dir.resolve("agent.log").toString(), dir.toString());

        assertThat(result).containsExactly(
                "logged [save, close], text shown as it is true, renders html false",
                "saved to the suggested file true, holding the text true",
                "says where: true",
                "closed true");
    }
}
