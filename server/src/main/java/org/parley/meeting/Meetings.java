package org.parley.meeting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.parley.account.Account;
import org.parley.account.AccountStore;
import org.parley.account.EmailAddress;
import org.parley.mail.Mailer;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * Scheduling, changing and cancelling meetings, and deciding who may see one. The rule: the
 * organizer, and signed-in invitees and registrants whose verified address is on the list; for
 * anyone else the meeting does not exist (404), so its existence is not revealed.
 */
final class Meetings {
    private final Jdbi jdbi;
    private final MeetingStore store;
    private final RegistrationStore registrations;
    private final AccountStore accounts;
    private final Mailer mailer;
    private final MeetingMails mails;
    private final Clock clock;

    Meetings(Jdbi jdbi, MeetingStore store, RegistrationStore registrations, AccountStore accounts, Mailer mailer,
             MeetingMails mails, Clock clock) {
        this.jdbi = jdbi;
        this.store = store;
        this.registrations = registrations;
        this.accounts = accounts;
        this.mailer = mailer;
        this.mails = mails;
        this.clock = clock;
    }

    record Viewed(Meeting meeting, Role role, MeetingStore.Organizer organizer, List<EmailAddress> invitees) {
    }

    Meeting create(Account organizer, MeetingPlan plan) {
        Instant now = clock.instant();
        var meeting = new Meeting(UUID.randomUUID(), plan.kind(), organizer.id(), plan.subject(), plan.description(),
                plan.timeZone(), plan.recurrence(), plan.registration().capacity(), plan.registration().approval(),
                plan.registration().questions(), plan.occurrences(), 0, now, Optional.empty(), plan.admitSignedInInvitees());
        List<EmailAddress> invitees = withoutOrganizer(plan.invitees(), organizer);
        jdbi.useTransaction(h -> store.insert(h, meeting, invitees));
        invite(meeting, invitees, invitees, now);
        return meeting;
    }

    /** The meeting as {@code who} may see it; 404 when they may not. */
    Viewed view(Account who, UUID id) {
        Meeting meeting = store.find(id).orElseThrow(ParleyException::notFound);
        Role role = roleOf(meeting, who).orElseThrow(ParleyException::notFound);
        var organizer = store.organizer(meeting.organizerId()).orElseThrow(ParleyException::notFound);
        return new Viewed(meeting, role, organizer, store.invitees(id));
    }

    /** The meeting if {@code who} organizes it: 404 for strangers, 403 for invitees and registrants. */
    Meeting requireOrganizer(Account who, UUID id) {
        Viewed viewed = view(who, id);
        if (viewed.role() != Role.ORGANIZER) {
            throw new ParleyException(Failure.FORBIDDEN, "Only the organizer can do this.");
        }
        return viewed.meeting();
    }

    List<MeetingStore.Listed> list(Account who, boolean upcoming, int limit) {
        return store.listFor(who.id(), who.email(), upcoming, clock.instant(), limit);
    }

    /** Applies a change; invitees get an update, new invitees an invitation, removed ones a cancellation. */
    Meeting update(Account who, UUID id, java.util.function.BiFunction<Meeting, List<EmailAddress>, MeetingPlan> change) {
        Meeting before = requireOrganizer(who, id);
        if (before.cancelled()) {
            throw new ParleyException(Failure.CONFLICT, "This meeting was cancelled; it cannot be changed.");
        }
        List<EmailAddress> oldInvitees = store.invitees(id);
        MeetingPlan plan = change.apply(before, oldInvitees);
        List<EmailAddress> invitees = withoutOrganizer(plan.invitees(), who);
        var after = new Meeting(id, before.kind(), before.organizerId(), plan.subject(), plan.description(), plan.timeZone(),
                plan.recurrence(), plan.registration().capacity(), plan.registration().approval(), plan.registration().questions(),
                plan.occurrences(), before.calendarSequence() + 1, before.createdAt(), Optional.empty(), plan.admitSignedInInvitees());
        jdbi.useTransaction(h -> {
            store.update(h, after);
            store.replaceInvitees(h, id, invitees);
        });
        Instant now = clock.instant();
        var organizer = store.organizer(who.id()).orElseThrow();
        var added = new ArrayList<>(invitees);
        added.removeAll(oldInvitees);
        var removed = new ArrayList<>(oldInvitees);
        removed.removeAll(invitees);
        for (EmailAddress stays : invitees) {
            if (!added.contains(stays)) {
                mailer.send(mails.updated(after, organizer, stays, invitees, now));
            }
        }
        invite(after, added, invitees, now);
        for (EmailAddress gone : removed) {
            mailer.send(mails.cancelled(after, organizer, gone, List.of(gone), now));
        }
        for (Registrant r : registrations.list(id)) {
            if (r.status() == Registrant.Status.APPROVED) {
                mailer.send(mails.updated(after, organizer, r.email(), List.of(r.email()), now));
            }
        }
        return after;
    }

    /** Cancels: the meeting stays visible as cancelled; invitees and registrants get METHOD:CANCEL. */
    void cancel(Account who, UUID id) {
        Meeting meeting = requireOrganizer(who, id);
        if (meeting.cancelled()) {
            return;
        }
        Instant now = clock.instant();
        int sequence = meeting.calendarSequence() + 1;
        jdbi.useTransaction(h -> store.cancel(h, id, sequence, now));
        var cancelled = new Meeting(id, meeting.kind(), meeting.organizerId(), meeting.subject(), meeting.description(),
                meeting.timeZone(), meeting.recurrence(), meeting.capacity(), meeting.approval(), meeting.questions(),
                meeting.occurrences(), sequence, meeting.createdAt(), Optional.of(now), meeting.admitSignedInInvitees());
        var organizer = store.organizer(who.id()).orElseThrow();
        List<EmailAddress> invitees = store.invitees(id);
        for (EmailAddress invitee : invitees) {
            mailer.send(mails.cancelled(cancelled, organizer, invitee, invitees, now));
        }
        for (Registrant r : registrations.list(id)) {
            if (r.status() != Registrant.Status.DECLINED) {
                mailer.send(mails.eventCancelled(cancelled, organizer, r, now));
            }
        }
    }

    Optional<Role> roleOf(Meeting meeting, Account who) {
        if (meeting.organizerId().equals(who.id())) {
            return Optional.of(Role.ORGANIZER);
        }
        if (!who.emailVerified()) {
            return Optional.empty();
        }
        if (store.isInvited(meeting.id(), who.email())) {
            return Optional.of(Role.INVITEE);
        }
        return registrations.findByEmail(meeting.id(), who.email())
                .filter(r -> r.status() != Registrant.Status.DECLINED).map(r -> Role.REGISTRANT);
    }

    private void invite(Meeting meeting, List<EmailAddress> to, List<EmailAddress> all, Instant now) {
        if (to.isEmpty()) {
            return;
        }
        var organizer = store.organizer(meeting.organizerId()).orElseThrow();
        for (EmailAddress invitee : to) {
            boolean hasAccount = accounts.idOf(invitee).isPresent();
            mailer.send(mails.invitation(meeting, organizer, invitee, all, hasAccount, now));
        }
    }

    private static List<EmailAddress> withoutOrganizer(List<EmailAddress> invitees, Account organizer) {
        return invitees.stream().filter(e -> !e.equals(organizer.email())).toList();
    }
}
