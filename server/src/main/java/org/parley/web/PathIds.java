package org.parley.web;

import io.javalin.http.Context;
import java.util.UUID;

/**
 * Ids in paths. A malformed id names nothing, so it gets the same 404 as an id that does not exist
 * or that the caller may not see — never a 400 that would tell the two apart.
 */
public final class PathIds {
    private PathIds() {
    }

    /** The {@code {id}} path parameter. */
    public static UUID id(Context ctx) {
        return uuid(ctx.pathParam("id"));
    }

    public static UUID uuid(String text) {
        try {
            if (text.length() != 36) {
                throw ParleyException.notFound();
            }
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ParleyException.notFound();
        }
    }
}
