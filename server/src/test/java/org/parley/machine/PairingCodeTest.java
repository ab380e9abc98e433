package org.parley.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.parley.web.ParleyException;

class PairingCodeTest {

    @Test
    void codesUseOnlyCharactersThatCannotBeMistakenAndShowWithADash() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            var code = PairingCode.generate();
            assertThat(code.value()).matches("[A-HJ-NP-Z2-9]{8}");
            assertThat(code.display()).isEqualTo(code.value().substring(0, 4) + "-" + code.value().substring(4));
            seen.add(code.value());
        }
        assertThat(seen).hasSizeGreaterThan(995);
    }

    @Test
    void aTypedCodeMayBeLowerCaseWithSpacesAndTheDash() {
        assertThat(PairingCode.parse(" abcd - efgh ").value()).isEqualTo("ABCDEFGH");
        assertThat(PairingCode.parse("ABCDEFGH")).isEqualTo(PairingCode.parse("abcd-efgh"));
        for (String wrong : new String[] {"", "ABCD-EFG", "ABCD-EFGHJ", "ABCD-EFG0", "OOOO-IIII", "ABCD_EFGH"}) {
            assertThatThrownBy(() -> PairingCode.parse(wrong)).isInstanceOf(ParleyException.class)
                    .hasMessage("A pairing code is eight letters and digits, such as ABCD-EFGH.");
        }
    }

    @Test
    void theStoredHashDependsOnTheServerKeyAndNeverShowsTheCode() {
        var code = PairingCode.parse("ABCD-EFGH");
        byte[] key = new byte[32];
        byte[] other = new byte[32];
        other[0] = 1;
        assertThat(code.hash(key)).hasSize(64).isEqualTo(PairingCode.parse("abcdefgh").hash(key)).isNotEqualTo(code.hash(other));
        assertThat(code.toString()).doesNotContain("ABCD");
    }
}
