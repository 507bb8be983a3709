package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.testkit.ConfigChange;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.StoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scripts that never end or reach for the host fail their process; the server keeps serving. */
@FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.SQLITE,
        configure = ScriptSandboxIT.ScriptLimits.class)
class ScriptSandboxIT {

    static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** A statement limit no test script reaches, and a one-second timeout. */
    static final class ScriptLimits implements ConfigChange {
        @Override
        public FlowstateConfig apply(FlowstateConfig config) {
            return config.withScript(new ScriptConfig(10_000_000_000L, TIMEOUT));
        }
    }

    static Http http;

    @BeforeAll
    static void clients(Http client) {
        http = client;
    }


    @Test
    void anEndlessLoopFailsItsProcessWithScriptTimeoutWhileOtherRequestsAreServed() throws Exception {
        String id = http.post("/workflow/start", "{\"flow\": \"spin\"}").json().get("processId").asText();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            long started = System.nanoTime();
            Future<Http.Response> spinning = pool.submit(() -> http.post("/process/" + id + "/step", "{\"input\": {}}"));

            List<Long> otherLatenciesMs = new ArrayList<>();
            while (!spinning.isDone()) {
                long t = System.nanoTime();
                Http.Response signup = http.post("/workflow/start", "{\"flow\": \"signup\"}");
                assertThat(signup.status()).isEqualTo(201);
                otherLatenciesMs.add((System.nanoTime() - t) / 1_000_000);
            }
            Http.Response response = spinning.get();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.status()).isEqualTo(200);
            JsonNode process = response.json();
            assertThat(process.get("status").asText()).isEqualTo("failed");
            assertThat(process.at("/error/code").asText()).isEqualTo("script_timeout");
            assertThat(process.at("/error/step").asText()).isEqualTo("loop");
            assertThat(took).isLessThan(TIMEOUT.plusSeconds(2));
            // requests were answered while the script spun: the server did not wait for it (the bound is loose
            // because the 2 cores may be shared with other work; it only rules out waiting for the script)
            assertThat(otherLatenciesMs).isNotEmpty();
            assertThat(otherLatenciesMs.stream().mapToLong(Long::longValue).max().orElseThrow())
                    .isLessThan(TIMEOUT.toMillis() * 3);
        }
        assertThat(http.get("/process/" + id).json().get("status").asText()).isEqualTo("failed");
    }

    @Test
    void scriptsCannotReachJavaSystemOrJavaType() {
        for (String how : List.of("system", "type")) {
            String id = http.post("/workflow/start", "{\"flow\": \"escape\"}").json().get("processId").asText();

            JsonNode process = http.post("/process/" + id + "/step", "{\"input\": {\"how\": \"" + how + "\"}}").json();

            assertThat(process.get("status").asText()).as(how).isEqualTo("failed");
            assertThat(process.at("/error/code").asText()).as(how).isEqualTo("script_failed");
            assertThat(process.at("/state/touched").isMissingNode()).as("no effect on state").isTrue();
        }
        assertThat(Files.exists(Path.of("/tmp/flowstate-escaped"))).isFalse();
        assertThat(http.get("/health/live").status()).isEqualTo(200);
    }
}
