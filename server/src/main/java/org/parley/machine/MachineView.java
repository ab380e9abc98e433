package org.parley.machine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.account.EmailAddress;

/**
 * The JSON shapes of machines. The technicians granted access are shown to the owner and to the
 * machine itself (whoever sits at it may know who can connect), never to another technician.
 */
final class MachineView {
    private MachineView() {
    }

    static Map<String, Object> of(Machine m, Instant now, boolean online, Optional<List<EmailAddress>> grants) {
        var out = new LinkedHashMap<String, Object>();
        out.put("id", m.id());
        out.put("name", m.name());
        out.put("status", m.status(now).code());
        out.put("pausedUntil", m.pausedUntil(now).orElse(null));
        out.put("online", online);
        out.put("owner", m.ownerName().map(name -> Map.of("name", name)).orElse(null));
        grants.ifPresent(g -> out.put("grants", g.stream().map(EmailAddress::value).toList()));
        out.put("enrolledAt", m.enrolledAt());
        out.put("lastSeenAt", m.lastSeenAt().orElse(null));
        if (m.ownerId().isEmpty()) {
            out.put("pairingExpiresAt", m.pairingExpiresAt().orElse(null));
        }
        return out;
    }

    static Map<String, Object> attempt(ConnectionLog.Attempt a) {
        var who = new LinkedHashMap<String, Object>();
        who.put("name", a.name());
        who.put("email", a.email().orElse(null));
        var out = new LinkedHashMap<String, Object>();
        out.put("id", a.id());
        out.put("who", who);
        out.put("requestedAt", a.requestedAt());
        out.put("connectedAt", a.connectedAt().orElse(null));
        out.put("endedAt", a.endedAt().orElse(null));
        out.put("seconds", a.seconds().orElse(null));
        out.put("outcome", a.outcome());
        return out;
    }
}
