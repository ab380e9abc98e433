package org.parley.agent.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The prompt without a display (the surefire JVM is headless): it must decline, never allow. */
class ConsentPromptTest {

    private final Logger agentLogger = Logger.getLogger("org.parley.agent");
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void recordTheLog() {
        agentLogger.addHandler(recorder);
        agentLogger.setUseParentHandlers(false); // the expected warning's stack trace is not news on the console
    }

    @AfterEach
    void stopRecording() {
        agentLogger.removeHandler(recorder);
        agentLogger.setUseParentHandlers(true);
    }

    @Test
    void aPromptThatCannotBeShownDeclinesAndSaysSoInTheLog() throws Exception {
        assertThat(ConsentPrompt.ask(Question.control("Alice"), Duration.ofSeconds(30))).isEqualTo(Answer.DECLINE);
        assertThat(logged).containsExactly(
                "WARNING consent prompt could not be shown (question=control), so it is declined",
                "INFO consent prompt answered: question=control answer=DECLINE");
    }

    @Test
    void onlyAllowAllows() {
        assertThat(Answer.ALLOW.allowed()).isTrue();
        assertThat(Answer.DECLINE.allowed()).isFalse();
        assertThat(Answer.TIMED_OUT.allowed()).isFalse();
    }

    @Test
    void aPromptWithoutTimeToAnswerIsRefused() {
        assertThatThrownBy(() -> ConsentPrompt.ask(Question.view("Alice"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void questionsNameTheTechnicianAndTheOrganisationOrItsAbsence() {
        assertThat(Question.view("Alice", "Example Ltd").sentence()).isEqualTo("Alice from Example Ltd wants to see your screen.");
        assertThat(Question.view("Alice", " ").sentence()).isEqualTo("Alice (no organisation) wants to see your screen.");
        assertThat(Question.view(" ", null).sentence()).isEqualTo("Someone (no organisation) wants to see your screen.");
        assertThat(Question.control("Bob").sentence()).isEqualTo("Bob asks to control your mouse and keyboard.");
        assertThat(Question.control("Bob").reassurance()).isEqualTo("You can take it back at any time.");
    }
}
