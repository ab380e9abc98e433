package org.parley.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import javax.sql.DataSource;

/** Health and the OpenAPI document: what operators and API clients need before anything else. */
public final class ServiceRoutes {
    private final DataSource database;
    private final byte[] openApi;

    public ServiceRoutes(DataSource database) {
        this.database = database;
        this.openApi = openApiDocument();
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/health", this::health);
        routes.get("/api/v1/openapi.json", ctx -> {
            // a GET with a body (bounded by the server's request limit): read it first, or Jetty may cut the
            // connection while the (large, compressed, chunked) document is still being written
            ctx.bodyAsBytes();
            ctx.contentType("application/json").result(openApi);
        });
    }

    /** 200 only when the database answers: a load balancer should not send users to a node that cannot serve them. */
    private void health(Context ctx) {
        try (var connection = database.getConnection()) {
            if (connection.isValid(2)) {
                ctx.json(Map.of("status", "ok"));
                return;
            }
        } catch (java.sql.SQLException unavailable) {
            // reported as 503 below
        }
        ctx.status(503).json(Map.of("status", "unavailable", "message", "The database does not answer."));
    }

    private static byte[] openApiDocument() {
        try (InputStream in = ServiceRoutes.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read openapi.json", e);
        }
    }
}
