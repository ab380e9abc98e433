package org.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.InvitationSecret;

/**
 * A participant that shows no one's media (the desktop agent, which only presents) connects with
 * {@code ignoreMedia()}: voices reach it as ciphertext it never opens, while chat and requests
 * still open. Someone beside it in the same room hears the same voice.
 */
class IgnoredMediaTest {
    static final int AUDIO = 0x20;
    static final int AUDIO_MARK = 8;
    static TestServer server;
    static ApiClient olga;
    static ApiClient ivan;
    static ApiClient berta;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        olga = Accounts.signedUp(server, "Olga", "olga@example.com");
        ivan = Accounts.signedUp(server, "Ivan", "ivan@example.com");
        berta = Accounts.signedUp(server, "Berta", "berta@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aParticipantThatIgnoresMediaOpensNoneOfItButStillReadsChat() {
        String id = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Agent in the room",
                "invitees", List.of("ivan@example.com", "berta@example.com"))).json().path("id").asText();
        InvitationSecret k = InvitationSecret.random(new SecureRandom());
        AtomicInteger mediaSeen = new AtomicInteger();
        var agentEvents = new Recorder("ignores media");
        var agentLike = SessionClient.connector(URI.create(Person.relayUrl(server.baseUrl(), id)))
                .header("Cookie", "parley_session=" + ivan.cookie("parley_session").orElseThrow())
                .invitation(k)
                .ignoreMedia()
                .listener(agentEvents)
                .observer(e -> {
                    if (e.type() == MessageType.MEDIA) {
                        mediaSeen.incrementAndGet();
                    }
                });
        try (var organizer = Person.join(server.baseUrl(), id, olga, k, "organizer");
                var agent = new Person(agentLike.connect(), agentEvents, List.of());
                var listener = Person.join(server.baseUrl(), id, berta, k, "listener")) {
            List<Integer> all = List.of(organizer.id(), agent.id(), listener.id());
            long epoch = organizer.awaitMembers(all, 1).membership().epoch();
            agent.awaitMembers(all, epoch);
            listener.awaitMembers(all, epoch);

            for (int seq = 1; seq <= 5; seq++) {
                organizer.client().sendMedia(AUDIO, new byte[] {0, 0, 0, (byte) seq, 0, 0, 0, 0, 0, 0, 0, 1, 0x78, 1, 2}, 0, AUDIO_MARK);
            }
            organizer.client().sendChat("after the voice");

            listener.events().awaitCount(SessionEvent.ContentReceived.class, 5, "voice frames");
            agent.events().await(SessionEvent.ChatReceived.class, c -> c.text().equals("after the voice"), "the chat");
            assertThat(mediaSeen.get()).as("the voice reached it, as ciphertext").isEqualTo(5);
            assertThat(agent.events().all(SessionEvent.ContentReceived.class)).as("and was never opened").isEmpty();
        }
    }
}
