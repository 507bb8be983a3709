package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.StoreKind;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where session mode's extra time goes, counted rather than timed: the store calls (each a round trip on Redis) of a
 * start and of a step in session mode against process mode, on two instances' store (Redis), where the session lock
 * is a lease in the store. docs/benchmarks.md quotes these counts.
 */
class SessionRoundTripsIT {

    static CountingProcessStore counting;

    @RegisterExtension
    static final FlowstateServerExtension SERVER = new FlowstateServerExtension(
            ServerSetup.of("src/test/resources/session-flows").withStore(StoreKind.REDIS).withStoreDecorator(store -> {
                counting = new CountingProcessStore(store);
                return counting;
            }));

    private static final String STEP = "{\"step\": \"customer\", \"input\": {\"name\": \"Ada\"}}";

    @Test
    void aProcessStartIsOneCallAndAStepOneFromTheCopyAtHand() {
        Http http = SERVER.http();
        counting.reset();
        String id = http.post("/workflow/start", "{\"flow\": \"order\"}").processId();
        assertThat(counting.calls()).isEqualTo(Map.of("create", 1L));

        counting.reset();
        http.post("/process/" + id + "/step", STEP);
        // the instance that started the process holds it at hand: no read (docs/decisions/0008)
        assertThat(counting.calls()).isEqualTo(Map.of("compareAndSet", 1L));
    }

    @Test
    void aSessionStepAddsTheLocksTwoAndARepeatedStartFourMore() {
        Http http = SERVER.http();
        String cookie = sessionCookie(http.post("/workflow/start", "{\"flow\": \"legacy\"}"));

        counting.reset();
        http.post("/session/legacy/step", "{\"step\": \"note\", \"input\": {\"text\": \"hi\"}}", "Cookie", cookie);
        assertThat(counting.calls()).isEqualTo(Map.of("claimIdempotency", 1L, "compareAndSet", 1L,
                "releaseIdempotency", 1L));

        counting.reset();
        http.post("/workflow/start", "{\"flow\": \"legacy\"}", "Cookie", cookie);
        // the lock, then the cancel of the browser's previous (ended, retained) run, then the new run
        assertThat(counting.calls()).isEqualTo(Map.of("claimIdempotency", 1L, "get", 1L, "delete", 1L,
                "create", 1L, "releaseIdempotency", 1L));
    }

    private static String sessionCookie(Http.Response started) {
        return started.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("flowstate_session="))
                .findFirst().orElseThrow().split(";", 2)[0];
    }
}
