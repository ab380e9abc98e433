package org.parley.support;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.parley.account.Account;
import org.parley.account.AccountStore;
import org.parley.account.EmailAddress;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/** Teams of technicians: members, the shared queue, and the supervisor's overview. */
final class SupportTeams {
    static final int MAX_MEMBERS = 200;
    private final SupportStore store;
    private final AccountStore accounts;
    private final Clock clock;

    SupportTeams(SupportStore store, AccountStore accounts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
    }

    SupportStore.Team create(Account supervisor, String name) {
        UUID id = UUID.randomUUID();
        store.insertTeam(id, name, supervisor.id(), clock.instant());
        return new SupportStore.Team(id, name);
    }

    /** The team, if {@code who} is in it; 404 otherwise, as for a team that does not exist. */
    SupportStore.Team memberOf(Account who, UUID teamId) {
        store.role(teamId, who.id()).orElseThrow(ParleyException::notFound);
        return store.team(teamId).orElseThrow(ParleyException::notFound);
    }

    SupportStore.Team supervisedBy(Account who, UUID teamId) {
        String role = store.role(teamId, who.id()).orElseThrow(ParleyException::notFound);
        if (!role.equals("supervisor")) {
            throw new ParleyException(Failure.FORBIDDEN, "Only a supervisor of this team can do that.");
        }
        return store.team(teamId).orElseThrow(ParleyException::notFound);
    }

    void putMember(Account supervisor, UUID teamId, EmailAddress email, String role) {
        supervisedBy(supervisor, teamId);
        UUID member = accounts.idOf(email).orElseThrow(() -> ParleyException.invalid(
                "There is no Parley account with the address " + email.value() + ". Ask them to register first."));
        if (store.role(teamId, member).isEmpty() && store.countMembers(teamId) >= MAX_MEMBERS) {
            throw new ParleyException(Failure.CONFLICT, "A team has at most " + MAX_MEMBERS + " members.");
        }
        if (member.equals(supervisor.id()) && !role.equals("supervisor")) {
            throw ParleyException.invalid("You cannot step down yourself; ask another supervisor.");
        }
        store.putMember(teamId, member, role, clock.instant());
    }

    List<SupportStore.Membership> of(Account who) {
        return store.teamsOf(who.id());
    }

    List<SupportStore.Member> members(Account who, UUID teamId) {
        memberOf(who, teamId);
        return store.members(teamId);
    }

    List<SupportSession> queue(Account who, UUID teamId) {
        memberOf(who, teamId);
        return store.queue(teamId, clock.instant());
    }

    List<SupportSession> history(Account supervisor, UUID teamId) {
        supervisedBy(supervisor, teamId);
        return store.ofTeam(teamId, 500);
    }

    /** The public portal's team (404 for none): customers see its name and nothing else. */
    SupportStore.Team portal(UUID teamId) {
        return store.team(teamId).orElseThrow(ParleyException::notFound);
    }
}
