package org.parley.agent.support;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.parley.agent.AgentLog;
import org.parley.agent.consent.Answer;
import org.parley.agent.consent.ConsentPrompt;
import org.parley.agent.consent.Question;
import org.parley.protocol.client.Participant;
import org.parley.protocol.keys.KeyFingerprint;

/**
 * What the customer is asked and has said: who may see the screen (by key, {@link ViewingConsent}),
 * whether viewing is paused, and, per request, whether a viewer may do more ({@link Request}).
 * Prompts wait on their own thread so the session keeps running; answers come back on the loop.
 * Before any prompt control is revoked: a controller could click "Allow" for the customer.
 */
final class Consents implements AutoCloseable {
    /**
     * Something a viewer asks to do that only the customer may allow, asked per request and one
     * question of its kind at a time: control now; another kind (a file, a reboot) is another
     * Request with its question and what to do once the customer allows it.
     *
     * @param what the word for it in what is said and logged, e.g. "control"
     * @param allowed runs on the loop, with the requester as the roster lists it then
     * @param refused runs on the loop when it is not given to a requester who may still see the screen
     *        (so a tool that answers, as system information does, can say no)
     */
    record Request(String what, Function<Participant, Question> question, Consumer<Participant> allowed,
            Consumer<Participant> refused) {
        Request(String what, Function<Participant, Question> question, Consumer<Participant> allowed) {
            this(what, question, allowed, who -> { });
        }
    }

    /** What an answer changes in the session; called on the loop's thread. */
    interface Effects {
        /** Before a prompt opens, and when the customer pauses viewing. */
        void revokeControl(String why);

        /** Who may see the screen changed: start or stop sharing to match. */
        void reviewSharing();

        void end(String why);

        void say(String line);
    }

    private final ViewingConsent viewing = new ViewingConsent();
    private final Set<String> asking = new HashSet<>(); // the Request kinds whose question is up or queued
    private final ExecutorService prompts = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("parley-consent").daemon().factory());
    private final Room room;
    private final String organisation;
    private final Consumer<Runnable> loop;
    private final Effects effects;
    private final SupportRecord record;
    private boolean paused;

    Consents(Room room, String organisation, Consumer<Runnable> loop, Effects effects, SupportRecord record) {
        this.room = room;
        this.organisation = organisation;
        this.loop = loop;
        this.effects = effects;
        this.record = record;
    }

    /** The screen may be sent: everyone who holds the key is allowed and viewing is not paused. */
    boolean screenMayBeShown() {
        return room.membership().isPresent() && viewing.allowsAll(room.members(), room.participants()) && !paused;
    }

    boolean mayView(Participant who) {
        return viewing.allows(who);
    }

    boolean paused() {
        return paused;
    }

    /** The customer paused viewing, or resumed it; nobody controls a screen they do not see. */
    void pause(boolean pause) {
        paused = pause;
        if (pause) {
            effects.revokeControl("the customer paused viewing");
        }
    }

    /**
     * Asks about each member whose key has no answer yet. After a reconnect the same keys keep
     * their answers, so only a newcomer, or a known id or name now with another key, is asked.
     */
    void askAboutNewKeys() {
        for (int viewer : room.members()) {
            Optional<Participant> who = room.participant(viewer);
            if (who.isPresent() && viewing.startQuestion(who.get())) {
                askToView(who.get());
            }
        }
    }

    /**
     * We hold the keys (the technician left: a transfer, a reload) and someone waits: a technician
     * gets in only if the customer allows them to see the screen; anyone else is left waiting.
     */
    void waiting(Participant who) {
        if (!who.role().equals("organizer") && !who.role().equals("technician")) {
            return;
        }
        if (viewing.allows(who)) {
            room.admit(who);
        } else if (viewing.startQuestion(who)) {
            askToView(who);
        }
    }

    private void askToView(Participant who) {
        KeyFingerprint key = KeyFingerprint.of(who.publicKey());
        effects.revokeControl("asking the customer about a new viewer");
        effects.say("asking the customer whether " + who.name() + " (participant " + who.id() + ", key " + key + ") may see the screen");
        prompt(Question.view(who.name(), organisation, key), answer -> viewAnswered(who, key, answer));
    }

    /** The answer is about the key asked about, whoever holds the id now. */
    private void viewAnswered(Participant who, KeyFingerprint key, Answer answer) {
        AgentLog.info("viewing consent for participant " + who.id() + " (key " + key + "): " + answer);
        viewing.answered(who, answer);
        record.viewer(who.name(), key, answer);
        if (answer.allowed()) {
            effects.say("the customer allowed " + who.name() + " (key " + key + ") to see the screen");
            room.admit(who);
        } else {
            effects.say("the customer did not allow " + who.name() + " (key " + key + ") to see the screen (" + answer + ")");
            if (room.isMemberOrganizer(who)) {
                effects.end("the customer declined the technician");
                return;
            }
        }
        effects.reviewSharing();
    }

    /** A request from someone who may see the screen, while viewing is not paused; anyone else's is ignored. */
    void requested(Request request, int viewer) {
        Optional<Participant> requester = room.participant(viewer);
        if (asking.contains(request.what()) || paused || requester.isEmpty() || !viewing.allows(requester.get())
                || !room.isMember(viewer)) {
            return;
        }
        asking.add(request.what());
        effects.revokeControl("asking the customer about " + request.what());
        Participant askedAbout = requester.get();
        prompt(request.question().apply(askedAbout), answer -> requestAnswered(request, askedAbout, answer));
    }

    /** Done only if the requester, with the key asked about, may still see the screen and no viewer question could be clicked. */
    private void requestAnswered(Request request, Participant askedAbout, Answer answer) {
        asking.remove(request.what());
        int viewer = askedAbout.id();
        AgentLog.info(request.what() + " consent for participant " + viewer + ": " + answer);
        Optional<Participant> who = room.participant(viewer).filter(p -> Room.sameKey(p, askedAbout));
        boolean stillAllowed = who.isPresent() && viewing.allows(who.get()) && room.isMember(viewer) && !paused;
        boolean given = answer.allowed() && stillAllowed && !viewing.questionOpen();
        record.request(request.what(), askedAbout.name(), KeyFingerprint.of(askedAbout.publicKey()), answer, given,
                viewing.questionOpen() ? "a question about who may see the screen was still open" : "the requester could no longer see the screen");
        if (given) {
            request.allowed().accept(who.get());
        } else if (answer.allowed() && viewing.questionOpen()) {
            // a prompt about a viewer is up or queued: whoever controls could click it for the customer
            effects.say(request.what() + " not given to participant " + viewer + ": a question about who may see the screen is still open");
        } else {
            effects.say(request.what() + " not given to participant " + viewer + " (" + answer + ")");
        }
        if (stillAllowed && !(answer.allowed() && !viewing.questionOpen())) {
            request.refused().accept(who.get());
        }
    }

    /** Shows {@code question} on the prompt thread; {@code answered} runs on the loop. */
    private void prompt(Question question, Consumer<Answer> answered) {
        prompts.execute(() -> {
            Answer answer = ask(question);
            loop.accept(() -> answered.accept(answer));
        });
    }

    private static Answer ask(Question question) {
        try {
            return ConsentPrompt.ask(question);
        } catch (InterruptedException ended) {
            Thread.currentThread().interrupt();
            return Answer.DECLINE;
        }
    }

    /** The session ended: an open prompt is closed, declined, and its answer never handled. */
    @Override
    public void close() {
        prompts.shutdownNow();
    }
}
