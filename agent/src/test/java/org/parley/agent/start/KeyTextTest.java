package org.parley.agent.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyTextTest {

    @Test
    void aKeyMayBeTypedInGroups() {
        for (String typed : new String[] {"123456789", "123 456 789", " 123-456-789 ", "123.456.789"}) {
            assertThat(KeyText.problem(typed)).as(typed).isEmpty();
            assertThat(KeyText.digits(typed)).as(typed).isEqualTo("123456789");
        }
    }

    @Test
    void whatIsWrongIsSaidInThePersonsTerms() {
        assertThat(KeyText.problem("  ")).hasValue("Type the nine-digit support key your technician gave you.");
        assertThat(KeyText.problem("123 456 78")).hasValue("A support key is nine digits; this one has 8.");
        assertThat(KeyText.problem("123 456 7890")).hasValue("A support key is nine digits; this one has 10.");
        assertThat(KeyText.problem("123 45b 789")).hasValue("A support key has only digits, e.g. 123 456 789.");
    }

    @Test
    void aLinkFillsInTheKeyAndTheServer() {
        assertThat(SupportLink.parse("parley-support:123456789?server=https%3A%2F%2Fparley.example.org"))
                .isEqualTo(new SupportLink(Optional.of("123456789"), Optional.of("https://parley.example.org")));
        assertThat(SupportLink.parse("PARLEY-SUPPORT://123-456-789/?server=http://localhost:8080"))
                .isEqualTo(new SupportLink(Optional.of("123456789"), Optional.of("http://localhost:8080")));
        assertThat(SupportLink.parse("parley-support:?server=https%3A%2F%2Fparley.example.org").key()).isEmpty();
        assertThat(SupportLink.parse("parley-support:12345").key()).as("a malformed key is left for the person to type").isEmpty();
    }

    @Test
    void theServerMustBeAnHttpAddress() {
        assertThat(KeyWindow.serverAddress("https://parley.example.org/support/")).map(Object::toString)
                .hasValue("https://parley.example.org");
        assertThat(KeyWindow.serverAddress("parley.example.org")).isEmpty();
        assertThat(KeyWindow.serverAddress("ftp://parley.example.org")).isEmpty();
    }
}
