package org.parley.web;

import io.javalin.http.Context;

/**
 * Who is on the other end, for rate limits and the security history. Behind a trusted proxy
 * (PARLEY_TRUST_PROXY) the last hop of X-Forwarded-For is the client; otherwise the socket address.
 */
public record ClientInfo(String ip, String userAgent) {
    private static final int MAX_USER_AGENT = 512;

    public static ClientInfo of(Context ctx, boolean trustProxy) {
        String ip = ctx.ip();
        if (trustProxy) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                ip = hops[hops.length - 1].strip();
            }
        }
        return new ClientInfo(clean(ip, 45), clean(ctx.userAgent() == null ? "" : ctx.userAgent(), MAX_USER_AGENT));
    }

    private static String clean(String value, int max) {
        String printable = value.codePoints()
                .filter(cp -> cp >= 0x20 && cp != 0x7f && !Character.isSurrogate((char) cp) && cp < 0x10000)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > max ? printable.substring(0, max) : printable;
    }
}
