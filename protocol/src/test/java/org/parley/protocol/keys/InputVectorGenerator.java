package org.parley.protocol.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.parley.protocol.TestVectors;

/**
 * Writes {@code testvectors/parley-input-v1.json}: input keys and 0x11 bodies (README §9.1) from
 * fixed private keys, ids, session ids, epochs, sequence numbers and events, each computed from the
 * presenter's side and checked equal from the controller's, for the browser's {@code input-auth.js}.
 * Every number is below 2^53, so {@code JSON.parse} reads it exactly.
 *
 * <p>Regenerate (only when the protocol changes on purpose) with
 * {@code java -cp <test classpath> org.parley.protocol.keys.InputVectorGenerator <file>};
 * {@code InputVectorsTest} fails while the file and this generator disagree.
 */
final class InputVectorGenerator {

    static final Path FILE = Path.of("src/test/resources/testvectors/parley-input-v1.json");

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One case's fixed inputs; the private keys are {@link ParleyVectorGenerator#fixed} of the labels. */
    record Case(String label, UUID sessionId, int presenterId, int controllerId, long epoch, long seq, String json) {
    }

    static final List<Case> CASES = List.of(
            new Case("first move", UUID.fromString("5f0c6b7e-3a1d-4c2b-9e8f-0123456789ab"), 1, 2, 0, 1,
                    "{\"t\":\"move\",\"x\":300,\"y\":400}"),
            new Case("key in a later epoch", UUID.fromString("5f0c6b7e-3a1d-4c2b-9e8f-0123456789ab"), 7, 3, 41, 1000,
                    "{\"t\":\"key\",\"code\":\"KeyA\",\"down\":true}"),
            // the largest ids, the last epoch (2^47 − 1) and the largest seq a JavaScript Number holds exactly
            new Case("text at the limits", UUID.fromString("00000000-0000-4000-8000-000000000001"), 65535, 1,
                    (1L << 47) - 1, (1L << 53) - 1, "{\"t\":\"text\",\"text\":\"Grüße €\"}"));

    private InputVectorGenerator() {
    }

    public static void main(String[] args) throws IOException {
        TestVectors.write(args, FILE, generate());
    }

    /** The whole file, pretty-printed, ending in a newline. */
    static String generate() {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", "Parley input authentication v1 (protocol README §9.1): X25519 of the two JOIN keys, "
                + "HKDF-SHA256 to the input key, HMAC-SHA256 tags on 0x11 bodies; made by the Java implementation "
                + "(Bouncy Castle) from fixed inputs. Binary values are hex; body is the 0x11 plaintext after the kind byte.");
        ArrayNode cases = root.putArray("input");
        for (Case c : CASES) {
            cases.add(vector(c));
        }
        return TestVectors.pretty(root);
    }

    static ParticipantKeyPair presenter(Case c) {
        return ParticipantKeyPair.fromPrivateKey(ParleyVectorGenerator.fixed("input presenter " + c.label(), 32));
    }

    static ParticipantKeyPair controller(Case c) {
        return ParticipantKeyPair.fromPrivateKey(ParleyVectorGenerator.fixed("input controller " + c.label(), 32));
    }

    private static ObjectNode vector(Case c) {
        ParticipantKeyPair presenter = presenter(c);
        ParticipantKeyPair controller = controller(c);
        byte[] json = c.json().getBytes(StandardCharsets.UTF_8);
        InputKey atPresenter = InputKey.derive(presenter, c.sessionId(), c.presenterId(), presenter.publicKey(),
                c.controllerId(), controller.publicKey());
        InputKey atController = InputKey.derive(controller, c.sessionId(), c.presenterId(), presenter.publicKey(),
                c.controllerId(), controller.publicKey());
        byte[] body = atController.authenticate(c.epoch(), c.seq(), json);
        if (atPresenter.open(c.epoch(), body).isEmpty()) {
            throw new IllegalStateException("the two sides of \"" + c.label() + "\" disagree");
        }
        ObjectNode v = JSON.createObjectNode();
        v.put("label", c.label()).put("sessionId", c.sessionId().toString())
                .put("presenterId", c.presenterId()).put("controllerId", c.controllerId())
                .put("presenterPrivateKey", HEX.formatHex(presenter.privateKey()))
                .put("presenterPublicKey", HEX.formatHex(presenter.publicKey()))
                .put("controllerPrivateKey", HEX.formatHex(controller.privateKey()))
                .put("controllerPublicKey", HEX.formatHex(controller.publicKey()))
                .put("shared", HEX.formatHex(presenter.agree(controller.publicKey())))
                .put("inputKey", HEX.formatHex(atPresenter.keyBytes()))
                .put("epoch", c.epoch()).put("seq", c.seq()).put("json", c.json())
                .put("tag", HEX.formatHex(java.util.Arrays.copyOfRange(body, 8, InputKey.HEADER_LENGTH)))
                .put("body", HEX.formatHex(body));
        return v;
    }
}
