package io.flowstate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The method filter answers 405 for what a path does not serve, so its table must be the API's: every path and
 * method of openapi.json (which HttpApiIT checks against the served routes) is allowed, and nothing else but HEAD
 * and OPTIONS.
 */
class AllowedMethodsTest {

    @Test
    void allowsExactlyTheMethodsOfTheOpenApiDocumentPlusHeadAndOptions() throws IOException {
        JsonNode paths;
        try (InputStream in = Objects.requireNonNull(AllowedMethods.class.getResourceAsStream("/openapi.json"))) {
            paths = Json.parse(in.readAllBytes()).get("paths");
        }
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            String concrete = path.getKey().replace("{id}", "3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c21");
            List<String> documented = new ArrayList<>();
            path.getValue().properties().forEach(method -> documented.add(method.getKey().toUpperCase(Locale.ROOT)));
            documented.removeIf(m -> !List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(m));

            List<String> allowed = AllowedMethods.of(concrete).orElseThrow(() -> new AssertionError(concrete));

            assertThat(allowed).as(concrete).containsAll(documented).contains("OPTIONS");
            assertThat(allowed).as(concrete).allMatch(m -> documented.contains(m) || m.equals("OPTIONS")
                    || m.equals("HEAD") && documented.contains("GET"));
        }
        assertThat(AllowedMethods.of("/no/such/path")).isEmpty();
    }
}
