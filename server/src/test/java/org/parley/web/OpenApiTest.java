package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.parley.TestServer;

/** The OpenAPI document stays true: every API route is documented with its method, and every documented operation exists. */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
        try (var server = TestServer.start()) {
            var response = server.client().get("/api/v1/openapi.json");
            assertThat(response.status()).isEqualTo(200);
            var documented = new TreeSet<String>();
            response.json().path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
                if (METHODS.contains(operation.getKey())) {
                    documented.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }));
            var routes = new TreeSet<String>();
            for (String route : server.server().routes()) {
                String method = route.substring(0, route.indexOf(' '));
                String path = route.substring(route.indexOf(' ') + 1);
                if (METHODS.contains(method.toLowerCase()) && path.startsWith("/api/")) {
                    routes.add(method + " " + path);
                }
            }

            assertThat(routes).as("the server's routes: " + server.server().routes()).isNotEmpty().contains("GET /api/v1/health");
            assertThat(documented).as("documented in openapi.json").containsAll(routes);
            assertThat(routes).as("routes the server has").containsAll(documented);
        }
    }
}
