package org.parley.session;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.EpochSecret;
import org.parley.protocol.keys.InvitationSecret;
import org.parley.protocol.keys.KeyDelivery;
import org.parley.protocol.keys.KeyDeliveryException;
import org.parley.protocol.sframe.CipherSuite;
import org.parley.protocol.sframe.SFrameException;
import org.parley.protocol.sframe.SFrameHeader;
import org.parley.web.ui.Browsers;

/**
 * Issue 11, finding 1, as the attacker: the organizer's browser used to install a KEY from anyone
 * present. Mallory, an invitee without the invitation's k, waits in the waiting room of a meeting
 * whose organizer is in Chromium; she seals a secret of her own to the organizer and, once let in,
 * sends more keys and a members message naming herself the keyholder, to the organizer and to a
 * member. None of it takes: Nora, who joins with the link after the plant, holds a secret that is
 * not Mallory's (nor ratcheted from it), every screen shows Nora's code, and what Nora says before
 * Mallory is let in (and after she leaves) opens with no key Mallory can compute.
 */
class KeyInjectionBrowserTest {
    private static final String PASSWORD = Accounts.PASSWORD;
    private static final String IN = "You are in. Everything here is end-to-end encrypted.";
    private static final CipherSuite SUITE = CipherSuite.AES_128_GCM_SHA256_128;
    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void aWaitingParticipantsPlantedKeyIsRefusedAndLaterChatStaysUnreadableToIt() throws Exception {
        try (var server = TestServer.start()) {
            ApiClient olga = Accounts.signedUp(server, "Olga", "olga@example.com");
            ApiClient mallory = Accounts.signedUp(server, "Mallory", "mallory@example.com");
            ApiClient nora = Accounts.signedUp(server, "Nora", "nora@example.com");
            String id = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Planted keys",
                    "invitees", List.of("mallory@example.com", "nora@example.com"))).json().path("id").asText();
            UUID meeting = UUID.fromString(id);

            Page organizer = browsers.signedIn(server.baseUrl(), "olga@example.com", PASSWORD);
            organizer.navigate(server.baseUrl() + "/session.html?id=" + id);
            assertThat(organizer.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            var k = InvitationSecret.of(java.util.Base64.getUrlDecoder()
                    .decode(organizer.getByLabel("Invitation link").inputValue().replaceFirst("^.*#k=", "")));

            try (var attacker = new RawParticipant(Person.relayUrl(server.baseUrl(), id),
                    "parley_session=" + mallory.cookie("parley_session").orElseThrow())) {
                var snapshot = attacker.join();
                int olgaId = snapshot.path("participants").get(0).path("id").asInt();
                byte[] olgaKey = java.util.Base64.getUrlDecoder().decode(snapshot.path("participants").get(0).path("publicKey").asText());
                assertThat(organizer.locator("#waiting")).containsText("Mallory");

                // the plant: the next epoch, with a secret only Mallory knows, sealed to the organizer as herself
                long current = epochOfGreeting(attacker);
                EpochSecret planted = EpochSecret.random(current + 1, new SecureRandom());
                attacker.send(MessageType.KEY, olgaId, KeyDelivery.seal(meeting, planted, olgaId, olgaKey, attacker.keyPair));
                List<EpochSecret> hers = chainFrom(planted, 6);

                try (var invitee = Person.join(server.baseUrl(), id, nora, k, "Nora")) {
                    invitee.awaitMembers(List.of(olgaId, invitee.id()), current + 1);
                    assertThat(organizer.locator("#code")).hasText(invitee.code());
                    EpochSecret noras = invitee.client().keys().orElseThrow().current().orElseThrow();
                    assertThat(hers).as("Nora's secret is none Mallory can compute").noneMatch(s -> s.sameAs(noras));
                    invitee.client().sendChat("Only for people the organizer let in");
                    assertThat(organizer.locator("#chat-log")).containsText("Only for people the organizer let in");
                    // whatever reached Mallory while she waited opens with no secret she could compute
                    List<Envelope> whileWaiting = new ArrayList<>();
                    attacker.received.drainTo(whileWaiting);
                    assertThat(whileWaiting).filteredOn(e -> e.type() == MessageType.DATA)
                            .noneMatch(e -> opensWithAny(e, hers));

                    // let in by hand, Mallory now sends keys and a members message of her own, to both
                    organizer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Admit Mallory Tester")).click();
                    var three = invitee.awaitMembers(List.of(olgaId, invitee.id(), attacker.id), noras.epoch() + 1).membership();
                    EpochSecret real = openKeyAs(attacker, meeting, olgaKey);
                    assertThat(real.epoch()).isEqualTo(three.epoch());
                    EpochSecret second = EpochSecret.random(three.epoch() + 1, new SecureRandom());
                    hers.addAll(chainFrom(second, 6));
                    byte[] noraKey = java.util.Base64.getUrlDecoder().decode(invitee.publicKeyOf(invitee.id()));
                    attacker.send(MessageType.KEY, olgaId, KeyDelivery.seal(meeting, second, olgaId, olgaKey, attacker.keyPair));
                    attacker.send(MessageType.KEY, invitee.id(), KeyDelivery.seal(meeting, second, invitee.id(), noraKey,
                            attacker.keyPair));
                    String forged = "{\"epoch\":" + second.epoch() + ",\"keyholder\":" + attacker.id + ",\"members\":["
                            + attacker.id + "," + invitee.id() + "]}";
                    attacker.send(MessageType.DATA, 0, second.senderKey(attacker.id, SUITE).seal(0, new byte[0],
                            withKind(1, forged)));
                    invitee.events().await(SessionEvent.Dropped.class, d -> d.sender() == attacker.id, "Nora drops Mallory's KEY");
                }
                // the forged key changed nothing at the organizer: a newcomer gets its keys, not Mallory's
                try (var again = Person.join(server.baseUrl(), id, nora, k, "Nora again")) {
                    var four = again.awaitMembers(List.of(olgaId, attacker.id, again.id()), 1).membership();
                    assertThat(organizer.locator("#code")).hasText(again.code());
                    EpochSecret latest = again.client().keys().orElseThrow().current().orElseThrow();
                    assertThat(latest.epoch()).isEqualTo(four.epoch());
                    assertThat(hers).noneMatch(s -> s.sameAs(latest));
                }
            }
        }
    }

    private static boolean opensWithAny(Envelope data, List<EpochSecret> secrets) {
        byte[] frame = data.payloadBytes();
        for (EpochSecret secret : secrets) {
            try {
                secret.senderKey(data.sender(), SUITE).open(frame, new byte[0]);
                return true;
            } catch (SFrameException | RuntimeException refused) {
                // not this one
            }
        }
        return false;
    }

    @Test
    void aForgedKeyAndMembersFromAnAdmittedMemberChangeNoScreenAndNoCode() throws Exception {
        try (var server = TestServer.start()) {
            ApiClient olga = Accounts.signedUp(server, "Olga", "olga@example.com");
            ApiClient mallory = Accounts.signedUp(server, "Mallory", "mallory@example.com");
            Accounts.signedUp(server, "Ivan", "ivan@example.com");
            String id = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Forged members",
                    "invitees", List.of("mallory@example.com", "ivan@example.com"))).json().path("id").asText();
            UUID meeting = UUID.fromString(id);

            Page organizer = browsers.signedIn(server.baseUrl(), "olga@example.com", PASSWORD);
            organizer.navigate(server.baseUrl() + "/session.html?id=" + id);
            assertThat(organizer.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            String invitation = organizer.getByLabel("Invitation link").inputValue();
            Page ivan = browsers.signedIn(server.baseUrl(), "ivan@example.com", PASSWORD);
            ivan.navigate(server.baseUrl() + "/meeting.html?id=" + id + "#k=" + invitation.replaceFirst("^.*#k=", ""));
            ivan.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
            assertThat(ivan.locator("#status")).hasText(IN);

            try (var attacker = new RawParticipant(Person.relayUrl(server.baseUrl(), id),
                    "parley_session=" + mallory.cookie("parley_session").orElseThrow())) {
                var snapshot = attacker.join();
                int olgaId = idOf(snapshot, "organizer");
                int ivanId = idOfOther(snapshot, olgaId);
                byte[] olgaKey = keyOf(snapshot, olgaId);
                byte[] ivanKey = keyOf(snapshot, ivanId);
                organizer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Admit Mallory Tester")).click();
                assertThat(ivan.locator("#people li")).hasCount(3);
                EpochSecret real = openKeyAs(attacker, meeting, olgaKey);
                String codeOfThree = organizer.locator("#code").innerText();
                assertThat(ivan.locator("#code")).hasText(codeOfThree);

                // a member who is not the keyholder: keys to the keyholder and to another member, then members naming herself
                EpochSecret forged = EpochSecret.random(real.epoch() + 1, new SecureRandom());
                attacker.send(MessageType.KEY, olgaId, KeyDelivery.seal(meeting, forged, olgaId, olgaKey, attacker.keyPair));
                attacker.send(MessageType.KEY, ivanId, KeyDelivery.seal(meeting, forged, ivanId, ivanKey, attacker.keyPair));
                String members = "{\"epoch\":" + forged.epoch() + ",\"keyholder\":" + attacker.id + ",\"members\":["
                        + attacker.id + "," + ivanId + "]}";
                attacker.send(MessageType.DATA, 0, forged.senderKey(attacker.id, SUITE).seal(0, new byte[0], withKind(1, members)));
                attacker.send(MessageType.DATA, 0, real.senderKey(attacker.id, SUITE).seal(0, new byte[0], withKind(1,
                        "{\"epoch\":" + real.epoch() + ",\"keyholder\":" + attacker.id + ",\"members\":[" + attacker.id + "," + ivanId + "]}")));
                attacker.send(MessageType.DATA, 0, real.senderKey(attacker.id, SUITE).seal(1, new byte[0], withKind(2,
                        "{\"text\":\"Mallory speaking in the real epoch\",\"sentAt\":\"2026-12-07T10:00:00Z\"}")));
                assertThat(ivan.locator("#chat-log")).containsText("Mallory speaking in the real epoch");
                assertThat(organizer.locator("#chat-log")).containsText("Mallory speaking in the real epoch");

                // nothing moved: the same code everywhere, the organizer still holds the key and chat goes on
                assertThat(organizer.locator("#code")).hasText(codeOfThree);
                assertThat(ivan.locator("#code")).hasText(codeOfThree);
                assertThat(ivan.locator("#people li").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Olga")))
                        .containsText("Holds the key");
                say(ivan, "Ivan still reads Olga");
                assertThat(organizer.locator("#chat-log")).containsText("Ivan still reads Olga");
                assertThat(ivan.locator("#chat-log")).not().containsText("forged");
            }
            // Mallory gone: a fresh epoch from the organizer, the same new code on both screens
            assertThat(ivan.locator("#people li")).hasCount(2);
            assertThat(ivan.locator("#code")).hasText(organizer.locator("#code").innerText());
        }
    }

    private static void say(Page page, String text) {
        page.getByLabel("Message").fill(text);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.getByLabel("Message")).hasValue("");
    }

    /** The epoch of the keyholder's greeting, read from its SFrame header (the KID names it in clear). */
    private static long epochOfGreeting(RawParticipant attacker) throws InterruptedException, SFrameException {
        Envelope greeting = next(attacker, MessageType.DATA);
        byte[] frame = greeting.payloadBytes();
        return SFrameHeader.decode(frame, 0, frame.length).kid() >>> 16;
    }

    /** The newest KEY the keyholder sent Mallory, opened as any member opens it. */
    private static EpochSecret openKeyAs(RawParticipant attacker, UUID meeting, byte[] keyholderKey)
            throws InterruptedException, KeyDeliveryException {
        Envelope key = next(attacker, MessageType.KEY);
        return KeyDelivery.open(meeting, attacker.id, attacker.keyPair, keyholderKey, key.payloadBytes());
    }

    private static Envelope next(RawParticipant attacker, MessageType type) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Envelope e = attacker.received.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.type() == type) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " reached the attacker within 10 s");
    }

    /** {@code first} and the secrets its holder could ratchet to on joins (README §2). */
    private static List<EpochSecret> chainFrom(EpochSecret first, int length) {
        List<EpochSecret> chain = new ArrayList<>(List.of(first));
        for (int i = 1; i < length; i++) {
            chain.add(chain.getLast().afterJoin());
        }
        return chain;
    }

    private static byte[] withKind(int kind, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] plaintext = new byte[body.length + 1];
        plaintext[0] = (byte) kind;
        System.arraycopy(body, 0, plaintext, 1, body.length);
        return plaintext;
    }

    private static int idOf(com.fasterxml.jackson.databind.JsonNode snapshot, String role) {
        for (var p : snapshot.path("participants")) {
            if (p.path("role").asText().equals(role)) {
                return p.path("id").asInt();
            }
        }
        throw new AssertionError("no " + role + " in " + snapshot);
    }

    private static int idOfOther(com.fasterxml.jackson.databind.JsonNode snapshot, int organizer) {
        int you = snapshot.path("you").asInt();
        for (var p : snapshot.path("participants")) {
            int id = p.path("id").asInt();
            if (id != organizer && id != you) {
                return id;
            }
        }
        throw new AssertionError("no other participant in " + snapshot);
    }

    private static byte[] keyOf(com.fasterxml.jackson.databind.JsonNode snapshot, int id) {
        for (var p : snapshot.path("participants")) {
            if (p.path("id").asInt() == id) {
                return java.util.Base64.getUrlDecoder().decode(p.path("publicKey").asText());
            }
        }
        throw new AssertionError("no participant " + id);
    }
}
