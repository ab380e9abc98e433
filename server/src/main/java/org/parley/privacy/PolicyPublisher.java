package org.parley.privacy;

import org.parley.config.PublicUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.parley.mail.Mail;
import org.parley.mail.Mailer;

/**
 * The operator publishes a new policy version. A material change must take effect at least
 * {@link #MATERIAL_NOTICE} later, and every account is mailed about it right away — so people
 * hear before it applies, and are asked to accept at their next sign-in after it does.
 */
public final class PolicyPublisher {
    static final Duration MATERIAL_NOTICE = Duration.ofDays(1);
    private final PolicyStore store;
    private final Mailer mailer;
    private final PublicUrl base;
    private final Clock clock;

    public PolicyPublisher(PolicyStore store, Mailer mailer, PublicUrl base, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.base = base;
        this.clock = clock;
    }

    /** Publishes and returns the new version; returns how many accounts were notified via {@code notified}. */
    public Policy publish(Instant effectiveAt, boolean material, String text) {
        Instant now = clock.instant();
        if (text.isBlank()) {
            throw new IllegalArgumentException("the policy text is empty");
        }
        if (material && effectiveAt.isBefore(now.plus(MATERIAL_NOTICE))) {
            throw new IllegalArgumentException("a material change must take effect at least " + MATERIAL_NOTICE.toHours()
                    + " hours after publication, so that people are told first");
        }
        var policy = new Policy(store.nextVersion(), effectiveAt, now, material, text);
        store.insert(policy);
        if (material) {
            for (String address : store.addressesOfAllAccounts()) {
                mailer.send(Mail.transactional(address, "Parley's privacy policy is changing",
                        "Hello,\n\nwe are changing Parley's privacy policy. Version " + policy.version() + " takes effect on "
                                + effectiveAt + ".\n\nRead it here: " + base.get() + "/privacy.html\n\n"
                                + "At your next sign-in after that date we will ask you to accept it. "
                                + "If you do not agree, you can export your data and delete your account from My Account.\n"));
            }
        }
        return policy;
    }
}
