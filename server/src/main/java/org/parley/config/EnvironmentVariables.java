package org.parley.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Typed, validated reads of environment variables; every error names the variable and the value. */
final class EnvironmentVariables {
    private final Map<String, String> env;

    EnvironmentVariables(Map<String, String> env) {
        this.env = env;
    }

    Optional<String> text(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the same message as an out-of-range value
        }
        throw new ConfigException(name + " must be " + min + "–" + max + ", got \"" + raw.get() + "\"");
    }

    boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false, got \"" + raw.get() + "\"");
        };
    }

    Optional<URI> url(String name, String... schemes) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            for (String scheme : schemes) {
                if (scheme.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                    return Optional.of(stripTrailingSlash(uri));
                }
            }
        } catch (URISyntaxException malformed) {
            // reported below
        }
        throw new ConfigException(name + " must be a " + String.join(" or ", schemes)
                + " URL such as " + schemes[0] + "://host:port, got \"" + raw.get() + "\"");
    }

    Optional<String> jdbcUrl(String name) {
        Optional<String> raw = text(name);
        if (raw.isPresent() && !raw.get().startsWith("jdbc:postgresql:") && !raw.get().startsWith("jdbc:h2:")) {
            throw new ConfigException(name + " must be a jdbc:postgresql:// or jdbc:h2: URL, got \"" + raw.get() + "\"");
        }
        return raw;
    }

    private static URI stripTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
