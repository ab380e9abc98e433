package org.parley.agent.support;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.parley.agent.AgentLog;
import org.parley.agent.consent.Question;
import org.parley.agent.sysinfo.SystemInformation;
import org.parley.protocol.client.Participant;
import org.parley.protocol.keys.KeyFingerprint;

/**
 * README §9b, 0x30/0x31: a viewer asks for this computer's system information; the customer is
 * asked ({@link Consents.Request}); allowed, the snapshot is collected off the loop (a hung network
 * mount must not stall the session) and sent, sealed, to the one who asked; declined, they get
 * {@code {"refused":true}} so their console can say so.
 * <p>
 * A direct message is sealed with the group key (README §9): anyone in the epoch could read it with
 * the relay's help. So it is sent only while everyone who holds the key is someone the customer
 * allowed to see the screen, in the epoch whose members that was checked for. What it says is
 * never logged.
 */
final class SystemInformationRequests {
    static final int REQUEST_KIND = 0x30;
    static final int ANSWER_KIND = 0x31;
    static final byte[] REFUSED = "{\"refused\":true}".getBytes(StandardCharsets.UTF_8);

    private final Room room;
    private final BooleanSupplier everyoneAllowed;
    private final Consumer<Runnable> loop;
    private final Consumer<String> say;
    private final Supplier<byte[]> collector;
    private final Consents.Request request = new Consents.Request("system information",
            who -> Question.systemInformation(who.name(), KeyFingerprint.of(who.publicKey())), this::allowed, this::refused);

    /** {@code everyoneAllowed}: everyone in the current epoch may see the screen; {@code loop} runs a task on the session's loop. */
    SystemInformationRequests(Room room, BooleanSupplier everyoneAllowed, Consumer<Runnable> loop, Consumer<String> say) {
        this(room, everyoneAllowed, loop, say, () -> SystemInformation.collect().json());
    }

    SystemInformationRequests(Room room, BooleanSupplier everyoneAllowed, Consumer<Runnable> loop, Consumer<String> say,
            Supplier<byte[]> collector) {
        this.room = room;
        this.everyoneAllowed = everyoneAllowed;
        this.loop = loop;
        this.say = say;
        this.collector = collector;
    }

    /** What to hand {@link Consents#requested} when a 0x30 arrives. */
    Consents.Request request() {
        return request;
    }

    private void allowed(Participant who) {
        Thread.ofVirtual().name("parley-system-information").start(() -> {
            byte[] answer;
            try {
                answer = collector.get();
            } catch (RuntimeException failed) {
                AgentLog.warn("system information could not be collected", failed);
                answer = REFUSED;
            }
            byte[] collected = answer;
            loop.accept(() -> send(who, collected, "system information"));
        });
    }

    private void refused(Participant who) {
        send(who, REFUSED, "the refusal to show system information");
    }

    /** On the loop: to {@code who} only if they are still here with the key asked about, and only the allowed hold the key. */
    private void send(Participant who, byte[] body, String what) {
        boolean stillHere = room.participant(who.id()).filter(p -> Room.sameKey(p, who)).isPresent() && room.isMember(who.id());
        if (!stillHere || !everyoneAllowed.getAsBoolean() || room.membership().isEmpty()) {
            say.accept(what + " not sent to participant " + who.id() + ": they left, or someone not allowed holds the session key");
            return;
        }
        try {
            room.client().sendContentIn(room.membership().orElseThrow().epoch(), ANSWER_KIND, body, who.id());
            say.accept("sent " + what + " to " + who.name() + " (participant " + who.id() + ")");
        } catch (IllegalStateException newKey) {
            say.accept(what + " not sent to participant " + who.id() + ": the session key changed meanwhile");
        }
    }
}
