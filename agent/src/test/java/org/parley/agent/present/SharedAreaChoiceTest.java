package org.parley.agent.present;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SharedAreaChoiceTest {
    @Test
    void monitorsAreCountedFromOneOrAll() {
        assertThat(SharedArea.parseChoice("1", 2)).isZero();
        assertThat(SharedArea.parseChoice("2", 2)).isEqualTo(1);
        assertThat(SharedArea.parseChoice("ALL", 2)).isEqualTo(SharedArea.ALL);
    }

    @Test
    void aMonitorThatIsNotThereIsRefusedSayingHowManyThereAre() {
        assertThatThrownBy(() -> SharedArea.parseChoice("3", 2)).hasMessage(
                "--monitor must be \"all\" or a number from 1 to 2 (this desktop has 2 monitors), got \"3\"");
        assertThatThrownBy(() -> SharedArea.parseChoice("0", 1)).hasMessageContaining("(this desktop has 1 monitor)");
        assertThatThrownBy(() -> SharedArea.parseChoice("left", 2)).hasMessageContaining("got \"left\"");
    }
}
