package org.parley.web;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Third-party browser code, from its Maven artifact (a WebJar), never copied into our tree: uPlot
 * (MIT) for the session-quality charts. Served from our own origin under {@code /vendor/…}, so the
 * strict CSP ({@code script-src 'self'}) holds, and listed with pinned hashes in
 * {@code server/web-vendor.sha256}, so what a server serves can be checked as our own files are.
 */
public final class VendorFiles {
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String[]> FILES = Map.of(
            "/vendor/uplot/1.6.30/uPlot.esm.js", new String[] {UPLOT + "uPlot.esm.js", "text/javascript; charset=utf-8"},
            "/vendor/uplot/1.6.30/uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"});

    public void register(RoutesConfig routes) {
        FILES.forEach((path, file) -> {
            byte[] bytes = read(file[0]);
            routes.get(path, ctx -> ctx.contentType(file[1]).header("Cache-Control", "public, max-age=86400").result(bytes));
        });
    }

    private static byte[] read(String resource) {
        try (InputStream in = VendorFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath (the uplot WebJar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
