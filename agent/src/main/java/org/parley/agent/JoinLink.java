package org.parley.agent;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.UUID;
import org.parley.agent.http.ServerApi;
import java.util.regex.Pattern;
import org.parley.protocol.keys.InvitationSecret;

/**
 * A meeting's join link as the server and the organizer's browser make it:
 * {@code https://host[:port][/prefix]/meeting.html?id=<uuid>[&registration=<token>][#k=<base64url 32 bytes>]}.
 * Parsed once at the edge; {@link #toString()} never shows the invitation secret.
 */
final class JoinLink {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final String PAGE = "/meeting.html";

    private final URI server;
    private final UUID meetingId;
    private final String registration;
    private final InvitationSecret secret;

    private JoinLink(URI server, UUID meetingId, String registration, InvitationSecret secret) {
        this.server = server;
        this.meetingId = meetingId;
        this.registration = registration;
        this.secret = secret;
    }

    /**
     * The link in {@code text}.
     *
     * @throws IllegalArgumentException with a message saying what is wrong with it
     */
    static JoinLink parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a link: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("a join link starts with https:// (or http://), got \"" + scheme + "\"");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a join link names a server host and nothing before it");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.endsWith(PAGE)) {
            throw new IllegalArgumentException("a join link opens " + PAGE + ", got \"" + path + "\"");
        }
        UUID id = null;
        String registration = null;
        for (String pair : (uri.getRawQuery() == null ? "" : uri.getRawQuery()).split("&")) {
            if (pair.startsWith("id=") && id == null) {
                id = meetingId(pair.substring(3));
            } else if (pair.startsWith("registration=") && registration == null
                    && TOKEN.matcher(pair.substring(13)).matches()) {
                registration = pair.substring(13);
            } else if (!pair.isEmpty()) {
                throw new IllegalArgumentException("unexpected or repeated query parameter in the join link");
            }
        }
        if (id == null) {
            throw new IllegalArgumentException("the join link has no meeting id (?id=…)");
        }
        URI server = URI.create(scheme + "://" + uri.getRawAuthority() + path.substring(0, path.length() - PAGE.length()));
        return new JoinLink(server, id, registration, secret(uri.getRawFragment()));
    }

    private static UUID meetingId(String value) {
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the same message as a non-canonical id
        }
        throw new IllegalArgumentException("the meeting id in the join link is not a UUID");
    }

    private static InvitationSecret secret(String fragment) {
        if (fragment == null || fragment.isEmpty()) {
            return null;
        }
        try {
            if (fragment.startsWith("k=")) {
                return InvitationSecret.fromFragment(fragment.substring(2));
            }
        } catch (IllegalArgumentException e) {
            // reported below without echoing the secret
        }
        throw new IllegalArgumentException("the join link's #k= is not a 32-byte base64url invitation secret");
    }

    /** The server's base address, e.g. {@code https://parley.example.org}. */
    URI server() {
        return server;
    }

    UUID meetingId() {
        return meetingId;
    }

    /** The relay WebSocket of this meeting ({@code wss://…/api/v1/meetings/<id>/relay}). */
    URI relay() {
        return ServerApi.webSocket(server, "/api/v1/meetings/" + meetingId + "/relay");
    }

    /** A registrant's personal token, when the link carries one. */
    Optional<String> registration() {
        return Optional.ofNullable(registration);
    }

    /** The invitation secret {@code k} of the link's fragment, when it carries one. */
    Optional<InvitationSecret> secret() {
        return Optional.ofNullable(secret);
    }

    @Override
    public String toString() {
        return server + PAGE + "?id=" + meetingId + (registration == null ? "" : "&registration=(hidden)")
                + (secret == null ? "" : "#k=(hidden)");
    }
}
