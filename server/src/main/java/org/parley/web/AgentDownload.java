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
 * speaks with. Without the file, a clear 503 says how to set it up.
 */
public final class AgentDownload {
    public static final String PATH = "/download/parley-agent.jar";
    private final Path jar;

    public AgentDownload(Path jar) {
        this.jar = jar;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::download);
    }

    private void download(Context ctx) throws IOException {
        if (!Files.isRegularFile(jar)) {
            // 503, not 404: the address is right, the server is not set up to serve it (and Javalin would
            // replace a 404 outside /api with a static-file miss)
            throw new ParleyException(Failure.UNAVAILABLE, "The agent download is not set up on this server: "
                    + "its operator sets PARLEY_AGENT_JAR to the agent's jar (agent/target/parley-agent.jar after mvn package).");
        }
        ctx.contentType("application/java-archive");
        // a jar is a zip, already compressed: gzip would gain nothing, and a gzip body under the file's
        // Content-Length made clients stop with "transfer closed with … bytes remaining"
        ctx.disableCompression();
        ctx.header("Content-Disposition", "attachment; filename=\"parley-agent.jar\"");
        ctx.header("Content-Length", String.valueOf(Files.size(jar)));
        InputStream in = Files.newInputStream(jar);
        ctx.result(in);
    }
}
