package org.parley.session;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.parley.ApiClient;
import org.parley.protocol.client.Connector;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.InvitationSecret;

/**
 * One person in a test session: the session client, what it heard, and every DATA envelope it
 * received (ciphertext as it came off the wire).
 */
record Person(SessionClient client, Recorder events, List<Envelope> data) implements AutoCloseable {

    static String relayUrl(String baseUrl, String meetingId) {
        return baseUrl.replace("http://", "ws://") + "/api/v1/meetings/" + meetingId + "/relay";
    }

    /** Joins as a signed-in user; {@code k} may be null (no invitation secret). */
    static Person join(String baseUrl, String meetingId, ApiClient as, InvitationSecret k, String name) {
        String token = as.cookie("parley_session").orElseThrow();
        return join(SessionClient.connector(URI.create(relayUrl(baseUrl, meetingId))).header("Cookie", "parley_session=" + token), k, name);
    }

    /** As {@link #join(String, String, ApiClient, InvitationSecret, String)}, a keyholder that lets in whom the server vouches for. */
    static Person joinTrustingVouching(String baseUrl, String meetingId, ApiClient as, InvitationSecret k, String name) {
        String token = as.cookie("parley_session").orElseThrow();
        return join(SessionClient.connector(URI.create(relayUrl(baseUrl, meetingId))).header("Cookie", "parley_session=" + token)
                .admitVouchedInvitees(), k, name);
    }

    static Person join(Connector connector, InvitationSecret k, String name) {
        var events = new Recorder(name);
        List<Envelope> data = new CopyOnWriteArrayList<>();
        connector.listener(events).observer(e -> {
            if (e.type() == MessageType.DATA) {
                data.add(e);
            }
        });
        if (k != null) {
            connector.invitation(k);
        }
        return new Person(connector.connect(), events, data);
    }

    int id() {
        return client.id();
    }

    /** Waits until this participant holds an epoch of at least {@code epoch} with exactly these members. */
    SessionEvent.EpochChanged awaitMembers(List<Integer> members, long minEpoch) {
        return events.await(SessionEvent.EpochChanged.class, e -> e.membership().epoch() >= minEpoch
                && e.membership().members().stream().sorted().toList().equals(members.stream().sorted().toList()),
                "members " + members + " in epoch ≥ " + minEpoch);
    }

    /** The public key participant {@code id} joined with, as the relay told this person, in base64url as a JOIN carries it. */
    String publicKeyOf(int id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                client.participants().stream().filter(p -> p.id() == id).findFirst().orElseThrow().publicKey());
    }

    String code() {
        return client.verificationCode().orElseThrow().text();
    }

    @Override
    public void close() {
        client.close();
    }
}
