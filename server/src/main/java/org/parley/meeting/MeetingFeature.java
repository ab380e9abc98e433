package org.parley.meeting;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.parley.account.AccountFeature;
import org.parley.config.PublicUrl;
import org.parley.mail.Mailer;
import org.parley.security.RateLimiter;
import org.parley.security.ServerSecrets;

/** The meeting feature assembled by the composition root: stores, services, routes, reminders. */
public final class MeetingFeature {
    private final MeetingStore store;
    private final Meetings meetings;
    private final Registrations registrations;
    private final Attendance attendance;
    private final Materials materials;
    private final QualityRecords quality;
    private final MeetingLinks links;
    private final AccountFeature accounts;
    private final Clock clock;

    public MeetingFeature(Jdbi jdbi, AccountFeature accounts, Mailer mailer, PublicUrl base, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
        this.store = new MeetingStore(jdbi);
        this.links = new MeetingLinks(base);
        var registrationStore = new RegistrationStore(jdbi);
        var mails = new MeetingMails(links);
        this.meetings = new Meetings(jdbi, store, registrationStore, accounts.accounts(), mailer, mails, clock);
        this.registrations = new Registrations(jdbi, store, registrationStore, mailer, mails,
                new RegistrationTokens(new ServerSecrets(jdbi).key("registration")), clock);
        this.attendance = new Attendance(jdbi);
        this.materials = new Materials(jdbi, clock);
        this.quality = new QualityRecords(jdbi);
        accounts.onDelete(MeetingFeature::erase);
    }

    public void registerRoutes(RoutesConfig routes, boolean trustProxy) {
        var perIp = new RateLimiter("event registrations per IP", 20, Duration.ofMinutes(10), clock);
        new MeetingRoutes(this, accounts.guard()).register(routes);
        new RegistrationRoutes(this, accounts.guard(), perIp, trustProxy).register(routes);
        new MaterialRoutes(this, accounts.guard()).register(routes);
        new QualityRoutes(this, accounts.guard(), new RateLimiter("quality reports per account", 12, Duration.ofMinutes(1), clock))
                .register(routes);
    }

    /**
     * A deleted account leaves no trace in other people's meetings either: its registrations and
     * invitations (which name it by email) go, and attendance rows keep only the times.
     * Meetings it organized go by cascade.
     */
    private static void erase(org.jdbi.v3.core.Handle h, org.parley.account.Account account) {
        h.createUpdate("delete from registrations where email = :email").bind("email", account.email().value()).execute();
        h.createUpdate("delete from invitations where email = :email").bind("email", account.email().value()).execute();
        h.createUpdate("update attendance set display_name = 'Deleted account', email = null where account_id = :id or email = :email")
                .bind("id", account.id()).bind("email", account.email().value()).execute();
    }

    /** Mails reminders to registrants of events starting within the hour; the server runs it every minute. */
    public int sendReminders() {
        return registrations.sendReminders();
    }

    /**
     * Whether this person may enter the meeting's relay now: a signed-in organizer, invitee or
     * registrant, or an approved registrant's personal token. Empty for anyone else and for a
     * cancelled meeting, so the relay can answer exactly like for a meeting that does not exist.
     * Only a signed-in invitee (verified address on the list) is ever vouched for, and only when
     * the organizer chose it for this meeting.
     */
    public java.util.Optional<Attendee> attendee(java.util.UUID meetingId, java.util.Optional<org.parley.account.Account> account,
                                                 java.util.Optional<String> registrationToken) {
        var meeting = store.find(meetingId).filter(m -> !m.cancelled());
        if (meeting.isEmpty()) {
            return java.util.Optional.empty();
        }
        int session = currentSession(meeting.get());
        if (account.isPresent()) {
            var who = account.get();
            return meetings.roleOf(meeting.get(), who).map(role -> new Attendee(meetingId, role.code(), java.util.Optional.of(who.id()),
                    who.fullName(), java.util.Optional.of(who.email().value()), session,
                    role == Role.INVITEE && meeting.get().admitSignedInInvitees()));
        }
        return registrationToken.flatMap(token -> {
            try {
                return java.util.Optional.of(registrations.byToken(token));
            } catch (org.parley.web.ParleyException invalid) {
                return java.util.Optional.empty();
            }
        }).filter(r -> r.meetingId().equals(meetingId) && r.status() == Registrant.Status.APPROVED)
                .map(r -> new Attendee(meetingId, Role.REGISTRANT.code(), java.util.Optional.empty(), r.firstName() + " " + r.lastName(),
                        java.util.Optional.of(r.email().value()), session, false));
    }

    /** The session of a training under way (from 30 minutes before its start), else the next, else the last. */
    private int currentSession(Meeting meeting) {
        var now = clock.instant();
        for (Occurrence s : meeting.occurrences()) {
            if (now.isBefore(s.endsAt().plus(Duration.ofMinutes(30)))) {
                return s.number();
            }
        }
        return meeting.occurrences().getLast().number();
    }

    public Attendance attendance() {
        return attendance;
    }

    Meetings meetings() {
        return meetings;
    }

    Registrations registrations() {
        return registrations;
    }

    /**
     * Session quality records older than {@code retention} go (PARLEY_QUALITY_RETENTION_DAYS, 90 by
     * default): they are for judging how sessions run, not a history of who met when.
     */
    public int purgeQualityRecords(java.time.Duration retention) {
        return quality().purgeBefore(clock().instant().minus(retention));
    }

    QualityRecords quality() {
        return quality;
    }

    Materials materials() {
        return materials;
    }

    MeetingStore store() {
        return store;
    }

    MeetingLinks links() {
        return links;
    }

    Clock clock() {
        return clock;
    }
}
