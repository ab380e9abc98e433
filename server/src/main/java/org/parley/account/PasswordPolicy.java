package org.parley.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.scoring.Result;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * Decides whether a new password is strong enough, with zxcvbn-style estimation (nbvcxz): it
 * must score at least {@link #MIN_SCORE} of 4 and must not contain the person's own name or email.
 * The refusal carries the estimator's advice.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 256;
    static final int MIN_SCORE = 3;
    private final Nbvcxz estimator = new Nbvcxz();

    /** Throws {@code weak_password} with advice when the password is too easy to guess. */
    public void requireStrong(String password, List<String> personalWords) {
        if (password.length() > MAX_LENGTH) {
            throw weak("Passwords can be at most " + MAX_LENGTH + " characters.");
        }
        if (password.length() < MIN_LENGTH) {
            throw weak("Use at least " + MIN_LENGTH + " characters; a few unrelated words make a strong, memorable password.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        for (String word : personalWords) {
            String w = word.toLowerCase(Locale.ROOT);
            if (w.length() >= 3 && lower.contains(w)) {
                throw weak("Don't use your name or email address in your password.");
            }
        }
        Result result = estimator.estimate(password);
        if (result.getBasicScore() < MIN_SCORE) {
            throw weak(advice(result));
        }
    }

    private static String advice(Result result) {
        List<String> parts = new ArrayList<>();
        parts.add("This password is too easy to guess.");
        var feedback = result.getFeedback();
        if (feedback != null) {
            if (feedback.getWarning() != null && !feedback.getWarning().isBlank()) {
                parts.add(feedback.getWarning());
            }
            feedback.getSuggestion().stream().filter(s -> s != null && !s.isBlank()).limit(2).forEach(parts::add);
        }
        if (parts.size() == 1) {
            parts.add("Add another word or two that are not related to each other.");
        }
        return String.join(" ", parts);
    }

    private static ParleyException weak(String message) {
        return new ParleyException(Failure.WEAK_PASSWORD, message);
    }
}
