package org.parley.meeting;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Reading path parameters and writing downloads, the same way for every meeting route. */
final class RouteParams {
    private RouteParams() {
    }

    static UUID id(Context ctx) {
        return org.parley.web.PathIds.id(ctx);
    }

    static UUID uuid(String text) {
        return org.parley.web.PathIds.uuid(text);
    }

    static boolean wantsCsv(Context ctx) {
        String accept = ctx.header("Accept");
        return (accept != null && accept.contains("text/csv")) || "csv".equals(ctx.queryParam("format"));
    }

    static void csv(Context ctx, String fileName, Csv csv) {
        attachment(ctx, fileName);
        ctx.contentType("text/csv; charset=utf-8").result(csv.toString());
    }

    /** Content-Disposition with an ASCII fallback and the real name per RFC 6266 / RFC 8187. */
    static void attachment(Context ctx, String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        ctx.header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
    }
}
