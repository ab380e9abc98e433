package org.parley.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /download/parley-agent.jar}: the desktop agent a support customer or a machine's
 * owner runs, served from {@code PARLEY_AGENT_JAR} so the server hands out exactly the agent it
 * speaks with. The same agent packaged with its own runtime — no Java needed — is served from the
 * {@code jpackage} folder beside that jar (where the agent's build puts it, issue 15):
 * {@code /download/parley-agent.deb} (Debian, Ubuntu) and {@code /download/parley-agent-linux-x64.tar.gz}
 * (any Linux). Without the file, a clear 503 says how to set it up.
 */
public final class AgentDownload {
    public static final String PATH = "/download/parley-agent.jar";
    public static final String DEB = "/download/parley-agent.deb";
    public static final String ARCHIVE = "/download/parley-agent-linux-x64.tar.gz";
    private final Path jar;

    public AgentDownload(Path jar) {
        this.jar = jar;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::download);
        routes.get(DEB, ctx -> downloadPackage(ctx, ".deb", "application/vnd.debian.binary-package", "parley-agent.deb"));
        routes.get(ARCHIVE, ctx -> downloadPackage(ctx, "-linux-x64.tar.gz", "application/gzip", "parley-agent-linux-x64.tar.gz"));
        // the customer page asks which downloads this server has before it offers them
        routes.get("/api/v1/agent-downloads", ctx -> ctx.json(java.util.Map.of("jar", Files.isRegularFile(jar),
                "deb", packaged(".deb").isPresent(), "archive", packaged("-linux-x64.tar.gz").isPresent())));
    }

    private java.util.Optional<Path> packaged(String ending) throws IOException {
        Path folder = jar.toAbsolutePath().resolveSibling("jpackage");
        if (!Files.isDirectory(folder)) {
            return java.util.Optional.empty();
        }
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(ending) && Files.isRegularFile(f)).sorted()
                    .reduce((first, last) -> last);
        }
    }

    /** The one file in the packages folder whose name ends so, as the agent's build names it (with its version). */
    private void downloadPackage(Context ctx, String ending, String contentType, String filename) throws IOException {
        Path found = packaged(ending).orElse(null);
        if (found == null) {
            throw new ParleyException(Failure.UNAVAILABLE, "This download is not set up on this server: the agent's build makes it "
                    + "on Linux with jpackage, dpkg-deb and fakeroot (agent/target/jpackage, beside PARLEY_AGENT_JAR). "
                    + "The agent's jar (" + PATH + ") needs Java 21 or newer.");
        }
        send(ctx, found, contentType, filename);
    }

    private void download(Context ctx) throws IOException {
        if (!Files.isRegularFile(jar)) {
            // 503, not 404: the address is right, the server is not set up to serve it (and Javalin would
            // replace a 404 outside /api with a static-file miss)
            throw new ParleyException(Failure.UNAVAILABLE, "The agent download is not set up on this server: "
                    + "its operator sets PARLEY_AGENT_JAR to the agent's jar (agent/target/parley-agent.jar after mvn package).");
        }
        send(ctx, jar, "application/java-archive", "parley-agent.jar");
    }

    private static void send(Context ctx, Path file, String contentType, String filename) throws IOException {
        ctx.contentType(contentType);
        // a jar, a .deb and a .tar.gz are already compressed: gzip would gain nothing, and a gzip body under
        // the file's Content-Length made clients stop with "transfer closed with … bytes remaining"
        ctx.disableCompression();
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        ctx.header("Content-Length", String.valueOf(Files.size(file)));
        InputStream in = Files.newInputStream(file);
        ctx.result(in);
    }
}
