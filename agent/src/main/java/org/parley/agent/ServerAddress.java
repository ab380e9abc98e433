package org.parley.agent;

import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code --server}: an http(s) origin; anything else is a clear command-line error. */
final class ServerAddress {
    private ServerAddress() {
    }

    static URI parse(CommandSpec spec, String text) {
        try {
            URI uri = URI.create(text.strip().replaceAll("/+$", ""));
            if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) address");
            }
            return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--server must be the server's address, e.g. https://parley.example.org ("
                    + e.getMessage() + ")");
        }
    }
}
