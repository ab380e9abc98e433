package org.parley.agent.unattended;

import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * An unattended machine's access password guards the whole desktop with nobody watching, so it
 * must be at least 12 characters and score 4 of 4 in the estimator (nbvcxz, zxcvbn's model).
 */
public final class AccessPasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    private final Nbvcxz estimator = new Nbvcxz();

    /** Empty when strong enough; otherwise advice a person can act on. */
    public Optional<String> refusal(String password) {
        if (password.length() > MAX_LENGTH) {
            return Optional.of("An access password can be at most " + MAX_LENGTH + " characters.");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters: four or five unrelated words make a strong password "
                    + "you can remember.");
        }
        Result result = estimator.estimate(password);
        if (result.getBasicScore() < 4) {
            StringBuilder advice = new StringBuilder("This password is too easy to guess for unattended access.");
            var feedback = result.getFeedback();
            if (feedback != null && feedback.getWarning() != null && !feedback.getWarning().isBlank()) {
                advice.append(' ').append(feedback.getWarning());
            }
            advice.append(" Add more unrelated words.");
            return Optional.of(advice.toString());
        }
        return Optional.empty();
    }
}
