package org.parley.machine;

import java.util.Map;
import org.parley.protocol.envelope.MessageType;
import org.parley.relay.RelayClient;

/** A machine room's WebSocket as the agent or a caller opens it, over the relay tests' client. */
final class RoomSocket implements AutoCloseable {
    private final RelayClient client;

    private RoomSocket(RelayClient client) {
        this.client = client;
    }

    /** The machine's agent, joined: the machine is online once this returns. */
    static RoomSocket agent(String baseUrl, String machineId, String token) {
        return joined(url(baseUrl, "/api/v1/machines/" + machineId + "/relay"), Map.of("Authorization", "Bearer " + token));
    }

    /** A caller with the relay path {@code POST …/connect} returned, joined. */
    static RoomSocket caller(String baseUrl, String relayPath) {
        return joined(url(baseUrl, relayPath), Map.of());
    }

    /** A caller past the gate (the upgrade let through) that has not sent JOIN yet. */
    static RoomSocket upgraded(String baseUrl, String relayPath) {
        return new RoomSocket(RelayClient.connect(url(baseUrl, relayPath), Map.of()));
    }

    /** Sends JOIN without waiting for the room's answer (which may be a close). */
    void sendJoin() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String encoded = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        client.send(MessageType.JOIN, 0, ("{\"publicKey\":\"" + encoded + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static RoomSocket joined(String url, Map<String, String> headers) {
        var socket = new RoomSocket(RelayClient.connect(url, headers));
        socket.client.join();
        return socket;
    }

    static String url(String baseUrl, String path) {
        return baseUrl.replace("http://", "ws://") + path;
    }

    /** Our participant id in the room: how the agent names us to the server. */
    int participant() {
        return client.id();
    }

    /** The HTTP status the upgrade was answered with (101 when it was let through). */
    static int upgrade(String url, Map<String, String> headers) {
        return RelayClient.refusal(url, headers);
    }

    /** The close code the server closed with (waits up to 10 s). */
    int awaitClose() {
        return client.awaitClose();
    }

    String closeReason() {
        return client.closeReason();
    }

    /** A normal goodbye, as a caller leaving. */
    void leave() {
        client.send(MessageType.LEAVE, 0, new byte[0]);
        awaitClose();
    }

    @Override
    public void close() {
        client.close();
    }
}
