package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.flow.Mode;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.testkit.ConfigChange;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.Instance;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * nFlow session mode on two instances sharing Redis: concurrent requests of one session, half to each instance, are
 * served one at a time under the session's lock, so each continues the run where the previous one left it and none is
 * refused or lost ({@code /count} adds one per request and pauses again).
 */
@FlowstateServerTest(flows = "src/test/resources/nflow-switch", store = StoreKind.REDIS, instances = 2,
        configure = NflowSessionLockOnRedisIT.InSessionMode.class)
class NflowSessionLockOnRedisIT {

    /** nFlow flows in session mode, with a script limit a busy build machine does not hit. */
    public static final class InSessionMode implements ConfigChange {
        @Override
        public FlowstateConfig apply(FlowstateConfig config) {
            return config.withNflow(config.nflow().withModes(Mode.SESSION, Map.of()))
                    .withScript(new ScriptConfig(config.script().statementLimit(), Duration.ofSeconds(10)));
        }
    }

    @Test
    void concurrentRequestsOfOneSessionOnTwoInstancesAreServedOneAtATime(@Instance(0) ServerUnderTest a,
                                                                          @Instance(1) ServerUnderTest b)
            throws Exception {
        Http.Response started = a.http().get("/count");
        assertThat(started.json().get("n").asInt()).isEqualTo(1);
        String session = started.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("flowstate_session=")).findFirst().orElseThrow().split(";")[0];
        int requests = 12;
        ExecutorService tabs = Executors.newFixedThreadPool(4);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Http http = (i % 2 == 0 ? a : b).http();
                answers.add(tabs.submit(() -> http.get("/count?nflow_next_node_run=add", "Cookie", session)));
            }
            List<Integer> counts = new ArrayList<>();
            for (Future<Http.Response> answer : answers) {
                Http.Response response = answer.get();
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.header("Flowstate-Mode")).isEqualTo("session");
                counts.add(response.json().get("n").asInt());
            }

            assertThat(counts).doesNotHaveDuplicates().allMatch(n -> n >= 2 && n <= requests + 1);
            Http.Response run = b.http().get("/session/switch.count", "Cookie", session);
            assertThat(run.json().at("/state/n").asInt()).isEqualTo(requests + 1);
            assertThat(run.json().get("version").asInt()).isEqualTo(requests + 1);
        } finally {
            tabs.shutdownNow();
        }
    }
}
