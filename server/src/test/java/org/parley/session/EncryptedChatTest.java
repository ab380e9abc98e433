package org.parley.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.protocol.client.DropReason;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.keys.InvitationSecret;
import org.parley.protocol.sframe.SFrameException;

/**
 * Three people in one end-to-end encrypted session through the real relay (protocol README §8):
 * who holds the link's secret is let in at once, who does not waits for the host, everyone chats,
 * and the keys move on as people come and go.
 */
class EncryptedChatTest {
    static TestServer server;
    static ApiClient olga;
    static ApiClient ivan;
    static ApiClient berta;
    static ApiClient carl;
    final InvitationSecret k = InvitationSecret.random(new SecureRandom());

    @BeforeAll
    static void start() {
        server = TestServer.start();
        olga = signedUp("Olga", "olga@example.com");
        ivan = signedUp("Ivan", "ivan@example.com");
        berta = signedUp("Berta", "berta@example.com");
        carl = signedUp("Carl", "carl@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ApiClient signedUp(String name, String email) {
        return Accounts.signedUp(server, name, email);
    }

    static String meeting(String subject) {
        return olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", subject,
                "invitees", List.of("ivan@example.com", "berta@example.com", "carl@example.com"))).json().path("id").asText();
    }

    Person join(String meetingId, ApiClient as, InvitationSecret secret, String name) {
        return Person.join(server.baseUrl(), meetingId, as, secret, name);
    }

    @Test
    void withTheLinkOneIsLetInAtOnceWithoutItTheHostAdmitsAndAllChatPrivately() {
        String id = meeting("Encrypted chat");
        try (var organizer = join(id, olga, k, "organizer"); var a = join(id, ivan, k, "A")) {
            a.awaitMembers(List.of(organizer.id(), a.id()), 1);
            try (var b = join(id, berta, null, "B")) {
                var waiting = organizer.events().await(SessionEvent.Waiting.class, w -> w.participant().id() == b.id(), "B waiting");
                assertThat(waiting.participant().name()).isEqualTo("Berta Tester");
                assertThat(b.client().membership()).as("B has no key before the host admits it").isEmpty();
                assertThatThrownBy(() -> b.client().sendChat("too early")).isInstanceOf(IllegalStateException.class);

                organizer.client().admit(b.id());
                b.events().await(SessionEvent.Admitted.class, x -> x.by() == organizer.id(), "ADMIT");
                List<Integer> all = List.of(organizer.id(), a.id(), b.id());
                String code = b.awaitMembers(all, 2).membership().code().text();
                a.awaitMembers(all, 2);
                assertThat(organizer.code()).isEqualTo(code);
                assertThat(a.code()).isEqualTo(code);
                assertThat(b.code()).isEqualTo(code);

                organizer.client().sendChat("Welcome, both of you");
                for (Person p : List.of(a, b)) {
                    var chat = p.events().await(SessionEvent.ChatReceived.class, c -> c.text().equals("Welcome, both of you"), "welcome");
                    assertThat(chat.sender()).isEqualTo(organizer.id());
                    assertThat(chat.senderName()).isEqualTo("Olga Tester");
                    assertThat(chat.direct()).isFalse();
                }
                a.client().sendChat("Just for you, B", b.id());
                a.client().sendChat("Thanks, everyone");
                var direct = b.events().await(SessionEvent.ChatReceived.class, c -> c.text().equals("Just for you, B"), "direct");
                assertThat(direct.direct()).isTrue();
                assertThat(direct.sender()).isEqualTo(a.id());
                organizer.events().await(SessionEvent.ChatReceived.class, c -> c.text().equals("Thanks, everyone"), "A's chat");
                assertThat(organizer.events().chatTexts()).as("a direct message reaches its recipient only")
                        .doesNotContain("Just for you, B");
                b.client().sendChat("Hello from B");
                a.events().await(SessionEvent.ChatReceived.class, c -> c.text().equals("Hello from B"), "B's chat");
                organizer.events().await(SessionEvent.ChatReceived.class, c -> c.text().equals("Hello from B"), "B's chat");
            }
            assertThat(organizer.client().dropped()).isZero();
            assertThat(a.events().all(SessionEvent.Dropped.class)).as("only the greeting A could not open before its key")
                    .hasSize((int) a.client().dropped()).allMatch(d -> d.reason() == DropReason.NO_KEY_YET);
        }
    }

    @Test
    void aLeaveRotatesTheEpochSoTheLeaverCannotReadWhatFollows() throws Exception {
        String id = meeting("Rotation");
        try (var organizer = join(id, olga, k, "organizer"); var a = join(id, ivan, k, "A")) {
            var b = join(id, berta, k, "B");
            List<Integer> three = List.of(organizer.id(), a.id(), b.id());
            long before = b.awaitMembers(three, 2).membership().epoch();
            a.awaitMembers(three, before);
            String codeBefore = b.code();
            var bKeys = b.client().keys().orElseThrow();

            b.client().leave();
            List<Integer> two = List.of(organizer.id(), a.id());
            var after = a.awaitMembers(two, before + 1).membership();
            assertThat(organizer.client().membership().orElseThrow().epoch()).isEqualTo(after.epoch());
            assertThat(a.code()).isEqualTo(organizer.code()).isNotEqualTo(codeBefore);

            organizer.client().sendChat("B has gone");
            a.events().await(SessionEvent.ChatReceived.class, c -> c.text().equals("B has gone"), "chat after the leave");
            Envelope sealedAfter = a.data().getLast();
            assertThat(sealedAfter.sender()).isEqualTo(organizer.id());
            assertThatThrownBy(() -> bKeys.open(organizer.id(), sealedAfter.payloadBytes()))
                    .isInstanceOf(SFrameException.class)
                    .satisfies(e -> assertThat(((SFrameException) e).reason()).isEqualTo(SFrameException.Reason.UNKNOWN_EPOCH));
        }
    }

    @Test
    void whenTheOrganizerLeavesTheRemainingMemberHoldsTheKeysAndStillAdmitsByProof() {
        String id = meeting("Hand-over");
        var organizer = join(id, olga, k, "organizer");
        try (var a = join(id, ivan, k, "A")) {
            long joinedEpoch = a.awaitMembers(List.of(organizer.id(), a.id()), 1).membership().epoch();
            organizer.client().leave();
            var alone = a.awaitMembers(List.of(a.id()), joinedEpoch + 1).membership();
            assertThat(alone.keyholder()).isEqualTo(a.id());
            assertThat(a.client().holdsKeys()).isTrue();

            try (var c = join(id, carl, k, "C")) {
                List<Integer> both = List.of(a.id(), c.id());
                c.awaitMembers(both, alone.epoch() + 1);
                a.awaitMembers(both, alone.epoch() + 1);
                assertThat(c.code()).isEqualTo(a.code());
                c.client().sendChat("Late, but in");
                var chat = a.events().await(SessionEvent.ChatReceived.class, x -> x.text().equals("Late, but in"), "C's chat");
                assertThat(chat.senderName()).isEqualTo("Carl Tester");
            }
        }
    }
}
