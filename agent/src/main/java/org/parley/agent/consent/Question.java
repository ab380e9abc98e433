package org.parley.agent.consent;

import org.parley.protocol.keys.KeyFingerprint;

/**
 * One thing the customer is asked before it happens. The names come from the server (the technician's
 * account name, the team's organisation) and are shown as plain text, shortened, never interpreted;
 * the key fingerprint is what the answer is bound to, and what the customer can compare with the one
 * the technician's console shows.
 */
public sealed interface Question {

    /** May the technician with the key of {@code fingerprint} see this screen? */
    static Question view(String technician, String organisation, KeyFingerprint fingerprint) {
        return new View(technician, organisation == null ? "" : organisation, fingerprint.text());
    }

    /** May the technician see this screen? (No key shown: for the prompt's own tests.) */
    static Question view(String technician, String organisation) {
        return new View(technician, organisation == null ? "" : organisation, "");
    }

    /** May the technician see this screen? For a technician of no organisation (no key shown). */
    static Question view(String technician) {
        return new View(technician, "", "");
    }

    /** May the technician with the key of {@code fingerprint} control the mouse and keyboard? */
    static Question control(String technician, KeyFingerprint fingerprint) {
        return new Control(technician, fingerprint.text());
    }

    /** May the technician control the mouse and keyboard? (No key shown.) */
    static Question control(String technician) {
        return new Control(technician, "");
    }

    /** May the technician with the key of {@code fingerprint} see this computer's system information (README §9b)? */
    static Question systemInformation(String technician, KeyFingerprint fingerprint) {
        return new SystemInformation(technician, fingerprint.text());
    }

    /** What the log calls this question: {@code view}, {@code control} or {@code sysinfo}. */
    String code();

    /** The question, in one sentence with the names in it. */
    String sentence();

    /** What the customer should know before answering. */
    String reassurance();

    /** The key fingerprint of the one asking, to compare with their screen; blank when none is shown. */
    String fingerprint();

    /** The line that shows {@link #fingerprint()}, blank when there is none. */
    default String keyLine() {
        return fingerprint().isEmpty() ? "" : "Their key: " + fingerprint() + " (the same as on their screen?)";
    }

    /** The technician wants to see the screen; {@code organisation} is blank when there is none. */
    record View(String technician, String organisation, String fingerprint) implements Question {
        private static final int MAX_ORGANISATION = 60;

        @Override
        public String code() {
            return "view";
        }

        @Override
        public String sentence() {
            String who = PlainText.name(technician, PlainText.MAX_NAME, "Someone");
            String from = PlainText.name(organisation, MAX_ORGANISATION, "");
            return who + (from.isEmpty() ? " (no organisation)" : " from " + from) + " wants to see your screen.";
        }

        @Override
        public String reassurance() {
            return "Nothing is shown until you allow it.";
        }
    }

    /** The technician, already viewing, wants to control the mouse and keyboard. */
    record Control(String technician, String fingerprint) implements Question {
        @Override
        public String code() {
            return "control";
        }

        @Override
        public String sentence() {
            return PlainText.name(technician, PlainText.MAX_NAME, "Someone") + " asks to control your mouse and keyboard.";
        }

        @Override
        public String reassurance() {
            return "You can take it back at any time.";
        }
    }

    /** The technician, already viewing, wants to see what this computer is made of. */
    record SystemInformation(String technician, String fingerprint) implements Question {
        @Override
        public String code() {
            return "sysinfo";
        }

        @Override
        public String sentence() {
            return PlainText.name(technician, PlainText.MAX_NAME, "Someone") + " asks to see this computer's system information"
                    + " (operating system, processor, memory, disks, displays, network adapters).";
        }

        @Override
        public String reassurance() {
            return "Only they receive it, encrypted; nothing on this computer changes.";
        }
    }
}
