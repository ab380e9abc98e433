package org.parley.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.parley.account.Account;

/**
 * Everything Parley stores about one account, as one JSON document, read in one transaction.
 * Secrets that only protect the account (the password hash, token hashes) are named, not copied.
 */
public final class AccountExport {
    static final String FORMAT = "parley-export/1";
    private final Jdbi jdbi;

    public AccountExport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Map<String, Object> of(Account account, Instant now) {
        return jdbi.inTransaction(h -> {
            var doc = new LinkedHashMap<String, Object>();
            doc.put("format", FORMAT);
            doc.put("exportedAt", now);
            doc.put("account", profile(account, h.createQuery("select disabled_at from accounts where id = :id")
                    .bind("id", account.id()).mapTo(java.time.Instant.class).findOne().orElse(null)));
            doc.put("preferences", account.preferences());
            doc.put("sessions", rows(h, "select created_at, last_seen_at, expires_at, remember, ip, user_agent from sessions "
                    + "where account_id = :id order by created_at", account));
            doc.put("securityHistory", rows(h, "select id, at, event, ip, user_agent from security_events "
                    + "where account_id = :id order by at, id", account));
            doc.put("pendingMailLinks", rows(h, "select purpose, email, created_at, expires_at from account_tokens "
                    + "where account_id = :id order by created_at", account));
            doc.put("policyAcceptances", rows(h, "select version, accepted_at from policy_acceptances "
                    + "where account_id = :id order by version", account));
            doc.put("meetingsOrganized", rows(h, "select id, kind, subject, description, time_zone, recurrence, capacity, "
                    + "approval, questions, calendar_sequence, starts_at, ends_at, created_at, cancelled_at, "
                    + "admit_signed_in_invitees from meetings "
                    + "where organizer_id = :id order by starts_at", account));
            doc.put("sessionsOfMeetingsOrganized", rows(h, "select s.meeting_id, s.number, s.starts_at, s.duration_minutes "
                    + "from meeting_sessions s join meetings m on m.id = s.meeting_id where m.organizer_id = :id "
                    + "order by s.starts_at", account));
            doc.put("invitationsSent", rows(h, "select i.meeting_id, i.email from invitations i join meetings m on m.id = i.meeting_id "
                    + "where m.organizer_id = :id order by i.meeting_id, i.email", account));
            doc.put("materialsUploaded", rows(h, "select x.id, x.meeting_id, x.name, x.content_type, x.size_bytes, x.uploaded_at "
                    + "from materials x join meetings m on m.id = x.meeting_id where m.organizer_id = :id order by x.uploaded_at", account));
            doc.put("invitationsReceived", rows(h, "select i.meeting_id, m.subject, m.starts_at from invitations i "
                    + "join meetings m on m.id = i.meeting_id where i.email = :email order by m.starts_at", account));
            doc.put("registrations", rows(h, "select r.meeting_id, m.subject, r.email, r.first_name, r.last_name, r.answers, "
                    + "r.status, r.created_at, r.reminded_at from registrations r join meetings m on m.id = r.meeting_id "
                    + "where r.email = :email order by r.created_at", account));
            doc.put("attendance", rows(h, "select meeting_id, session_number, display_name, email, joined_at, left_at "
                    + "from attendance where account_id = :id order by joined_at", account));
            doc.put("supportTeams", rows(h, "select m.team_id, t.name, m.role, m.added_at from support_team_members m "
                    + "join support_teams t on t.id = m.team_id where m.account_id = :id order by m.added_at", account));
            doc.put("supportSessionsAsTechnician", rows(h, "select id, team_id, customer_name, problem, created_at, key_expires_at, "
                    + "redeemed_at, started_at, ended_at, customer_away_since, transfers from support_sessions where technician_id = :id "
                    + "order by created_at", account));
            doc.put("supportSessionsInvitedTo", rows(h, "select s.id, s.created_at, s.ended_at from support_colleagues c "
                    + "join support_sessions s on s.id = c.session_id where c.account_id = :id order by s.created_at", account));
            doc.put("computersOwned", rows(h, "select id, name, access, paused_until, enrolled_at, approved_at, pairing_expires_at, last_seen_at "
                    + "from machines where owner_id = :id order by enrolled_at", account));
            doc.put("computerAccessGrantedToOthers", rows(h, "select g.machine_id, g.email, g.granted_at from machine_grants g "
                    + "join machines m on m.id = g.machine_id where m.owner_id = :id order by g.granted_at", account));
            doc.put("computerAccessGrantedToYou", rows(h, "select g.machine_id, m.name, g.granted_at from machine_grants g "
                    + "join machines m on m.id = g.machine_id where g.email = :email order by g.granted_at", account));
            doc.put("connectionsToYourComputers", rows(h, "select c.id, c.machine_id, c.role, c.display_name, c.email, c.requested_at, "
                    + "c.connected_at, c.ended_at, c.outcome from machine_connections c join machines m on m.id = c.machine_id "
                    + "where m.owner_id = :id order by c.requested_at", account));
            doc.put("yourConnectionsToComputers", rows(h, "select c.id, c.seq, c.machine_id, c.role, c.display_name, c.email, c.requested_at, "
                    + "c.connected_at, c.participant_id, c.ended_at, c.outcome, c.ticket_expires_at from machine_connections c "
                    + "where c.account_id = :id order by c.requested_at", account));
            doc.put("qualityReports", rows(h, "select id, meeting_id, reported_at, kind, seconds, frames, bytes, latency_p50_ms, received, lost "
                    + "from quality_records where account_id = :id order by reported_at", account));
            return doc;
        });
    }

    /** {@code disabledAt} is always null for an account that can sign in to export; it is here as every stored column is. */
    private static Map<String, Object> profile(Account a, java.time.Instant disabledAt) {
        var p = new LinkedHashMap<String, Object>();
        p.put("id", a.id());
        p.put("email", a.email().value());
        p.put("firstName", a.firstName());
        p.put("lastName", a.lastName());
        p.put("emailVerified", a.emailVerified());
        p.put("pendingEmail", a.pendingEmail().map(Object::toString).orElse(null));
        p.put("createdAt", a.createdAt());
        p.put("passwordChangedAt", a.passwordChangedAt());
        p.put("disabledAt", disabledAt);
        p.put("password", "stored only as an Argon2id hash, which is not exported");
        return p;
    }

    private static List<Map<String, Object>> rows(Handle h, String sql, Account account) {
        var query = h.createQuery(sql);
        if (sql.contains(":id")) {
            query.bind("id", account.id());
        }
        if (sql.contains(":email")) {
            query.bind("email", account.email().value());
        }
        return query.mapToMap().map(AccountExport::camelCase).list();
    }

    private static Map<String, Object> camelCase(Map<String, Object> row) {
        var out = new LinkedHashMap<String, Object>();
        row.forEach((column, value) -> {
            var name = new StringBuilder();
            boolean upper = false;
            for (char c : column.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
                if (c == '_') {
                    upper = true;
                } else {
                    name.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            out.put(name.toString(), switch (value) {
                case Timestamp t -> t.toInstant();
                case java.time.OffsetDateTime t -> t.toInstant();
                case null, default -> value;
            });
        });
        return out;
    }
}
