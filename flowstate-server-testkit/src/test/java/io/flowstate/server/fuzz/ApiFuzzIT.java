package io.flowstate.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated requests against a real server on SQLite, on every route, including token mode and the streams'
 * handshakes. Invariants: never a 5xx; every error is problem+json with a code of the catalogue and its status;
 * a refused request leaves the process it names exactly as it was; the server is ready at the end.
 *
 * <p>{@code -Dfuzz.cases=N} and {@code -Dfuzz.seed=S} run more cases or replay a failure (its message names the
 * seed and the case number); CI runs 10,000.
 */
@FlowstateServerTest(flows = "src/test/resources/fuzz-flows", store = StoreKind.SQLITE, tokenKeys = "k1")
class ApiFuzzIT {

    private static final int CASES = Integer.getInteger("fuzz.cases", 10_000);
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_204L);

    private static final Set<String> READS_BODY = Set.of("POST", "PUT", "PATCH");

    static RawHttp http;

    @BeforeAll
    static void clients(ServerUnderTest server) {
        http = new RawHttp(server.port());
    }

    @Test
    void noGeneratedRequestGetsA5xxOrChangesWhatItFailsToChange() throws IOException {
        List<UUID> live = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            live.add(startProcess());
        }
        String token = startTokenProcess();
        Random random = new Random(SEED);
        RequestGenerator generator = new RequestGenerator(random, () -> live.get(random.nextInt(live.size())), token);
        Map<Integer, Integer> statuses = new HashMap<>();

        for (int n = 0; n < CASES; n++) {
            FuzzCase generated = generator.next();
            String where = "case " + n + " (seed " + SEED + "): " + generated.description();
            RawHttp.Response before = generated.target() == null ? null : get(generated.target());

            RawHttp.Response answer = http.send(generated.bytes(), generated.head());
            statuses.merge(answer.status(), 1, Integer::sum);

            assertThat(answer.status()).as(where).isLessThan(500);
            if (!generated.method().equals(generated.method().toUpperCase(Locale.ROOT))) {
                assertThat(answer.status()).as(where + ": methods are case-sensitive").isIn(404, 405);
            }
            if (generated.framing() == FuzzCase.Framing.BROKEN && READS_BODY.contains(generated.method())) {
                // a route that reads no body (GET) answers before the framing is reached, then closes
                assertThat(answer.status()).as(where + ": broken framing is refused").isGreaterThanOrEqualTo(400);
            } else if (answer.status() == 400 && !generated.head()) {
                assertThat(Json.parse(answer.body()).path("detail").asText()).as(where + ": well-formed framing")
                        .doesNotContain("request body could not be read");
            }
            if (generated.http10()) {
                assertThat(answer.status()).as(where + ": HTTP/1.0 is served").isNotEqualTo(505);
            }
            if (answer.status() >= 400 && !generated.head()) {
                assertThat(answer.header("Content-Type")).as(where).startsWith("application/problem+json");
                JsonNode problem = Json.parse(answer.body());
                assertThat(ProblemType.ofCode(problem.path("code").asText())).as(where + " → " + answer.text())
                        .hasValueSatisfying(type -> assertThat(type.status()).isEqualTo(answer.status()));
            }
            if (before != null && before.status() == 200 && answer.status() >= 400) {
                assertThat(get(generated.target()).text()).as(where + " changed what it was refused").isEqualTo(
                        before.text());
            }
            if (before != null && (before.status() == 404 || answer.status() < 300 && n % 50 == 0)) {
                live.set(live.indexOf(generated.target()), startProcess()); // replace ended processes, refresh some
            }
        }
        System.out.printf("%d generated requests, answers by status: %s%n", CASES, new TreeMap<>(statuses));
        assertThat(send("GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status())
                .as("ready after %d generated requests: %s", CASES, statuses).isEqualTo(200);
    }

    private UUID startProcess() throws IOException {
        RawHttp.Response started = post("/workflow/start", "{\"flow\":\"fuzz\"}");
        assertThat(started.status()).isEqualTo(201);
        return UUID.fromString(Json.parse(started.body()).get("processId").asText());
    }

    private String startTokenProcess() throws IOException {
        RawHttp.Response started = post("/workflow/start", "{\"flow\":\"tokens\"}");
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        return Json.parse(started.body()).get("processToken").asText();
    }

    private static RawHttp.Response get(UUID id) throws IOException {
        return send("GET /process/" + id + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    private static RawHttp.Response post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send("POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n" + json);
    }

    private static RawHttp.Response send(String request) throws IOException {
        return http.send(request.getBytes(StandardCharsets.UTF_8), false);
    }
}
