package org.parley.relay;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.UUID;
import org.parley.account.Account;

/**
 * One kind of relay room and who may enter it. The relay asks at the WebSocket upgrade, as an
 * HTTP request, so a refusal is an ordinary JSON error (404 for rooms a stranger may not know of).
 */
public interface RoomGate {
    /** The WebSocket path, with an {@code {id}} parameter naming the room. */
    String path();

    /**
     * Who {@code account} (or the bearer of the request's ticket or token) is in room {@code id}.
     *
     * @throws org.parley.web.ParleyException with the refusal a person should read
     */
    Entrant admit(Context ctx, UUID id, Optional<Account> account);
}
