package io.flowstate.script;

import static io.flowstate.script.Steps.call;
import static io.flowstate.script.Steps.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.engine.ScriptResult;
import io.flowstate.core.engine.ScriptResult.Failure;
import io.flowstate.core.engine.ScriptResult.Success;
import io.flowstate.core.process.ProblemType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads share one runner; each gets its own correct result, and a runaway step holds up nobody. */
class GraalScriptRunnerConcurrencyTest {

    private static final int THREADS = 16;
    private static final int CALLS_PER_THREAD = 50;

    @Test
    void returnsTheRightResultToEachOfSixteenConcurrentThreads() throws Exception {
        try (GraalScriptRunner runner = new GraalScriptRunner(ScriptLimits.DEFAULTS);
             ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> mismatches = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                mismatches.add(threads.submit(() -> {
                    start.await();
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        // Two different steps, so contexts compile and reuse several sources.
                        String script = i % 2 == 0
                                ? "state.sum = state.a + state.b; next = state.sum % 2 === 0 ? 'approve' : 'reject';"
                                : "state = { sum: state.a + state.b }; next = state.sum % 2 === 0 ? 'approve' : 'reject';";
                        int a = thread * 1000 + i;
                        ScriptResult result = runner.run(call(script, "{\"a\": " + a + ", \"b\": " + thread + "}", null));
                        int sum = a + thread;
                        String edge = sum % 2 == 0 ? "approve" : "reject";
                        if (!(result instanceof Success success)
                                || success.state().get("sum").asInt() != sum
                                || !edge.equals(success.next())) {
                            wrong.add(thread + "/" + i + ": " + result);
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();

            for (Future<List<String>> thread : mismatches) {
                assertThat(thread.get(60, TimeUnit.SECONDS)).isEmpty();
            }
        }
    }

    @Test
    void completesOtherStepsQuicklyWhileOneLoopsForever() throws Exception {
        Duration timeout = Duration.ofSeconds(3);
        try (GraalScriptRunner runner = new GraalScriptRunner(new ScriptLimits(Long.MAX_VALUE, timeout), 4);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            runner.run(call("next = 'approve';"));
            Future<ScriptResult> looping = threads.submit(() -> runner.run(call("while (true) {}")));

            long started = System.nanoTime();
            List<Future<ScriptResult>> others = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                others.add(threads.submit(() -> runner.run(call("state.ok = true; next = 'approve';"))));
            }
            for (Future<ScriptResult> other : others) {
                assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(new Success(
                        (com.fasterxml.jackson.databind.node.ObjectNode) json("{\"ok\": true}"), "approve"));
            }
            Duration othersTook = Duration.ofNanos(System.nanoTime() - started);

            assertThat(othersTook).isLessThan(timeout);
            assertThat(looping.isDone()).isFalse();
            ScriptResult loop = looping.get(10, TimeUnit.SECONDS);
            assertThat(loop).isInstanceOf(Failure.class);
            assertThat(((Failure) loop).type()).isEqualTo(ProblemType.SCRIPT_TIMEOUT);
        }
    }
}
