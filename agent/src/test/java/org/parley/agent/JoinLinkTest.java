package org.parley.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JoinLinkTest {
    static final String ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    static final String K = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    @Test
    void readsTheMeetingTheServerAndTheSecretAndNeverPrintsTheSecret() {
        JoinLink link = JoinLink.parse("https://parley.example.org:8443/meeting.html?id=" + ID + "#k=" + K);

        assertThat(link.meetingId()).isEqualTo(UUID.fromString(ID));
        assertThat(link.server()).isEqualTo(URI.create("https://parley.example.org:8443"));
        assertThat(link.relay()).isEqualTo(URI.create("wss://parley.example.org:8443/api/v1/meetings/" + ID + "/relay"));
        assertThat(link.secret()).isPresent();
        assertThat(link.toString()).doesNotContain(K).contains("#k=(hidden)");
    }

    @Test
    void acceptsAPathPrefixAndAPersonalRegistrationLinkWithoutSecret() {
        JoinLink link = JoinLink.parse("http://localhost:8080/parley/meeting.html?id=" + ID + "&registration=abc_DEF-123");

        assertThat(link.server()).isEqualTo(URI.create("http://localhost:8080/parley"));
        assertThat(link.relay()).isEqualTo(URI.create("ws://localhost:8080/parley/api/v1/meetings/" + ID + "/relay"));
        assertThat(link.registration()).contains("abc_DEF-123");
        assertThat(link.secret()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "parley.example.org/meeting.html?id=" + ID,
        "ftp://parley.example.org/meeting.html?id=" + ID,
        "https://evil.example@parley.example.org/meeting.html?id=" + ID,
        "https://parley.example.org/index.html?id=" + ID,
        "https://parley.example.org/meeting.html",
        "https://parley.example.org/meeting.html?id=1-2-3-4-5",
        "https://parley.example.org/meeting.html?id=" + ID + "&id=" + ID,
        "https://parley.example.org/meeting.html?id=" + ID + "#k=short",
        "https://parley.example.org/meeting.html?id=" + ID + "#x=" + K,
        "https://parley.example.org/meeting.html?id=" + ID + "&registration=a b",
        "not a link at all",
    })
    void refusesWhatIsNotAJoinLink(String text) {
        assertThatThrownBy(() -> JoinLink.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(K));
    }
}
