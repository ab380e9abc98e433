package org.parley.relay;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.UUID;
import org.parley.account.Account;
import org.parley.meeting.Attendee;
import org.parley.meeting.MeetingFeature;
import org.parley.web.ParleyException;

/**
 * Meetings' rooms: a signed-in organizer, invitee or registrant, or an approved registrant's
 * personal token ({@code ?registration=}); anyone else gets the same 404 as for a meeting that
 * does not exist. Joins and leaves go to the attendance report.
 */
final class MeetingGate implements RoomGate {
    private final MeetingFeature meetings;
    private final java.time.Clock clock;

    MeetingGate(MeetingFeature meetings, java.time.Clock clock) {
        this.meetings = meetings;
        this.clock = clock;
    }

    @Override
    public String path() {
        return "/api/v1/meetings/{id}/relay";
    }

    @Override
    public Entrant admit(Context ctx, UUID id, Optional<Account> account) {
        Optional<String> token = Optional.ofNullable(ctx.queryParam("registration"));
        Attendee attendee = meetings.attendee(id, account, token)
                .orElseThrow(() -> account.isEmpty() && token.isEmpty() ? ParleyException.unauthenticated() : ParleyException.notFound());
        var attendance = meetings.attendance();
        return new Entrant(id, attendee.role(), attendee.name(), new Entrant.StayLog() {
            @Override
            public long joined(int participant, java.time.Instant at) {
                return attendance.joined(id, attendee.session(), attendee.accountId(), attendee.name(), attendee.email(), at);
            }

            @Override
            public void left(long stay, java.time.Instant at) {
                attendance.left(stay, at);
            }
        }, attendee.accountId(), attendee.vouchedInvitee());
    }
}
