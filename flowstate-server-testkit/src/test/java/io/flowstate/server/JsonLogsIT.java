package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowstate serve} with {@code log.format = json}, as its own process: every line it prints is one JSON
 * object, the access log names the route template, status and duration, and a request's lines carry its
 * {@code requestId}, {@code processId}, {@code flow} and the {@code traceId} of its {@code traceparent}.
 */
class JsonLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void everyLineIsAJsonObjectAndTheAccessLogCarriesTheRequestContext(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        try (ServerProcess server = BuiltServer.jar(log).args("--store", "memory", "--flows", BuiltServer.FLOWS)
                .environment("FLOWSTATE_LOG_FORMAT", "json").start()) {
            Http http = server.http();
            String id = http.start("signup");
            Http.Response step = http.post("/process/" + id + "/step",
                    "{\"input\": {\"name\": \"Ada\", \"email\": \"ada@example.org\"}}",
                    "traceparent", TRACE, "X-Request-Id", "req-42");
            assertThat(step.status()).isEqualTo(200);
            assertThat(step.header("X-Request-Id")).isEqualTo("req-42");

            await().atMost(Duration.ofSeconds(5)).until(() -> lines(log).stream()
                    .anyMatch(line -> line.path("requestId").asText().equals("req-42")));
            List<JsonNode> lines = lines(log);
            assertThat(lines).allSatisfy(line -> assertThat(line.fieldNames()).toIterable()
                    .contains("time", "level", "logger", "message"));
            assertThat(lines).anyMatch(line -> line.get("message").asText().startsWith("Flowstate is listening on"
                    + " http://127.0.0.1:"));
            JsonNode access = lines.stream().filter(line -> line.path("requestId").asText().equals("req-42"))
                    .filter(line -> line.get("logger").asText().equals("flowstate.access")).findFirst().orElseThrow();
            assertThat(access.get("message").asText()).matches("POST /process/\\{id\\}/step 200 [0-9.]+ ms");
            assertThat(access.get("processId").asText()).isEqualTo(id);
            assertThat(access.get("flow").asText()).isEqualTo("signup");
            assertThat(access.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        }
    }

    /** Every line of the log, each of which must parse as one JSON object. */
    private static List<JsonNode> lines(Path log) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as(line).isTrue();
                lines.add(node);
            }
        }
        return lines;
    }
}
