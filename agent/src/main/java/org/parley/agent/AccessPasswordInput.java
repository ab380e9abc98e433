package org.parley.agent;

import java.io.Console;
import java.io.PrintWriter;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Optional;
import org.parley.agent.unattended.AccessPasswordPolicy;

/**
 * Reads a new access password where only the person at this computer can type it — the console,
 * twice, without echo; or {@value #VARIABLE} for scripted installs — never from an argument, which
 * every user of the machine could see — and checks its strength here.
 */
final class AccessPasswordInput {
    static final String VARIABLE = "PARLEY_ACCESS_PASSWORD";

    private AccessPasswordInput() {
    }

    /** The password (NFC), or empty after telling the person on {@code err} why not. */
    static Optional<String> read(PrintWriter err) {
        Optional<String> typed = typed(err);
        Optional<String> refusal = typed.flatMap(new AccessPasswordPolicy()::refusal);
        if (refusal.isPresent()) {
            err.println("parley-agent: access password refused: " + refusal.get());
            return Optional.empty();
        }
        return typed;
    }

    private static Optional<String> typed(PrintWriter err) {
        String variable = System.getenv(VARIABLE);
        if (variable != null && !variable.isEmpty()) {
            return Optional.of(Normalizer.normalize(variable, Normalizer.Form.NFC));
        }
        Console console = System.console();
        if (console == null) {
            err.println("parley-agent: no terminal to ask for the access password: run in a terminal or set " + VARIABLE);
            return Optional.empty();
        }
        char[] first = console.readPassword("Access password for this computer (12+ characters, hard to guess): ");
        char[] second = console.readPassword("The same password again: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                err.println("parley-agent: the two passwords differ; nothing was changed");
                return Optional.empty();
            }
            return Optional.of(Normalizer.normalize(new String(first), Normalizer.Form.NFC));
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }
}
