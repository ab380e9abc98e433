package org.parley.machine;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.parley.account.EmailAddress;
import org.parley.security.RateLimiter;
import org.parley.web.ClientInfo;
import org.parley.web.Failure;
import org.parley.web.JsonBody;
import org.parley.web.ParleyException;

/**
 * The machine's own routes: enrolling (no account, limited per IP), and, with its token in
 * {@code Authorization: Bearer}, reading its own state, pausing or revoking its access, and
 * reporting how access passwords went.
 */
final class AgentRoutes {
    private static final String BEARER = "bearer ";
    private final MachineFeature feature;
    private final RateLimiter enrolmentsPerIp;
    private final RateLimiter eventsPerMachine;
    private final boolean trustProxy;

    AgentRoutes(MachineFeature feature, RateLimiter enrolmentsPerIp, RateLimiter eventsPerMachine, boolean trustProxy) {
        this.feature = feature;
        this.enrolmentsPerIp = enrolmentsPerIp;
        this.eventsPerMachine = eventsPerMachine;
        this.trustProxy = trustProxy;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/machines", this::enrol);
        routes.post("/api/v1/machines/{id}/events", this::event);
    }

    /** The token of {@code Authorization: Bearer <token>}, if the request carries one. */
    static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).strip());
    }

    private Machine machine(Context ctx) {
        return feature.machines().byToken(bearer(ctx).orElseThrow(() -> new ParleyException(Failure.UNAUTHENTICATED,
                "This request needs the computer's token (Authorization: Bearer).")));
    }

    /** The machine named in the path must be the token's own; any other is 404. */
    private Machine self(Context ctx, UUID id) {
        Machine m = machine(ctx);
        if (!m.id().equals(id)) {
            throw ParleyException.notFound();
        }
        return m;
    }

    private void enrol(Context ctx) {
        ClientInfo client = ClientInfo.of(ctx, trustProxy);
        enrolmentsPerIp.charge(client.ip());
        String name = JsonBody.read(ctx, Set.of("name")).requiredText("name", 100);
        var enrolled = feature.enrolment().enrol(name, client);
        String code = enrolled.code().display();
        ctx.status(201).json(Map.of("id", enrolled.id(), "machineToken", enrolled.token().value(), "pairingCode", code,
                "approveUrl", feature.base().get() + "/machines.html#pair=" + code, "expiresAt", enrolled.expiresAt()));
    }

    void self(Context ctx) {
        ctx.json(view(machine(ctx)));
    }

    void changeAccess(Context ctx) {
        Machine m = self(ctx, MachineRoutes.id(ctx));
        var change = MachineRoutes.AccessChange.read(JsonBody.read(ctx, MachineRoutes.AccessChange.FIELDS));
        ctx.json(view(feature.machines().changeAccess(m, change.access(), change.pausedUntil(), "machine")));
    }

    private void event(Context ctx) {
        Machine m = self(ctx, MachineRoutes.id(ctx));
        eventsPerMachine.charge(m.id().toString());
        var body = JsonBody.read(ctx, Set.of("connectionId", "participant", "event"));
        String eventCode = body.requiredText("event", 40);
        var event = Connections.PasswordEvent.parse(eventCode).orElseThrow(() -> ParleyException.invalid(
                "event must be \"password_accepted\", \"password_refused\" or \"locked_out\"."));
        Optional<UUID> byId = body.optionalText("connectionId", 36).map(AgentRoutes::connectionId);
        Optional<Integer> participant = body.optionalInteger("participant", 1, 65535);
        if (byId.isPresent() == participant.isPresent()) {
            throw ParleyException.invalid("Name the caller with either participant (its id in the computer's relay room) "
                    + "or connectionId (as POST …/connect returned it).");
        }
        UUID connectionId = byId.orElseGet(() -> feature.connections().byParticipant(m, participant.get()));
        feature.connections().event(m, connectionId, event, ClientInfo.of(ctx, trustProxy).ip());
        ctx.status(204);
    }

    private static UUID connectionId(String text) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException malformed) {
            // same message below
        }
        throw ParleyException.invalid("connectionId must be the id of a connection, as POST …/connect returned it.");
    }

    /** What the machine may know of itself, its technicians included: whoever sits at it may see who can connect. */
    private Map<String, Object> view(Machine m) {
        Optional<List<EmailAddress>> grants = m.ownerId().isPresent() ? Optional.of(feature.machines().grants(m.id())) : Optional.empty();
        return MachineView.of(m, feature.clock().instant(), feature.machines().online(m.id()), grants);
    }
}
