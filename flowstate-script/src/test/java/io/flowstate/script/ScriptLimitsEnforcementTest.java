package io.flowstate.script;

import static io.flowstate.script.GraalScriptRunnerTest.assertFailure;
import static io.flowstate.script.GraalScriptRunnerTest.success;
import static io.flowstate.script.Steps.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.engine.ScriptResult;
import io.flowstate.core.engine.ScriptResult.Failure;
import io.flowstate.core.process.ProblemType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runaway scripts end as failures within their limits and leave the runner working. */
class ScriptLimitsEnforcementTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Generous: a cancelled step must end soon after its deadline, not merely eventually. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    @Test
    void endsAnEndlessLoopAtTheWallClockLimit() {
        try (GraalScriptRunner runner = new GraalScriptRunner(new ScriptLimits(Long.MAX_VALUE, TIMEOUT), 2)) {
            long started = System.nanoTime();
            ScriptResult result = runner.run(call("while (true) {}"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertFailure(result, ProblemType.SCRIPT_TIMEOUT, "wall-clock limit of 500 ms");
            assertThat(took).isBetween(TIMEOUT.minusMillis(50), TIMEOUT.plus(SLACK));
            // The runner and its engine still serve other steps.
            assertThat(success(runner.run(call("next = 'approve';"))).next()).isEqualTo("approve");
        }
    }

    @Test
    void endsAnEndlessLoopAtTheStatementLimit() {
        try (GraalScriptRunner runner = new GraalScriptRunner(new ScriptLimits(10_000, Duration.ofSeconds(30)), 1)) {
            long started = System.nanoTime();
            ScriptResult result = runner.run(call("for (;;) { state.n = 1; }"));

            assertFailure(result, ProblemType.SCRIPT_TIMEOUT, "statement limit of 10000 statements");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(success(runner.run(call("next = 'approve';"))).next()).isEqualTo("approve");
        }
    }

    @Test
    void countsStatementsPerStepNotPerContext() {
        try (GraalScriptRunner runner = new GraalScriptRunner(new ScriptLimits(10_000, Duration.ofSeconds(30)), 1)) {
            for (int i = 0; i < 20; i++) {
                ScriptResult result = runner.run(call("for (let i = 0; i < 1000; i++) { state.n = i; }"));

                assertThat(result).isInstanceOf(ScriptResult.Success.class);
            }
        }
    }

    @Test
    void failsDeepRecursionWithoutCrashing() {
        try (GraalScriptRunner runner = new GraalScriptRunner(ScriptLimits.DEFAULTS, 1)) {
            ScriptResult result = runner.run(call("function down(n) { return down(n + 1) + 1; } down(0);"));

            assertFailure(result, ProblemType.SCRIPT_FAILED, "RangeError");
            assertThat(success(runner.run(call("next = 'approve';"))).next()).isEqualTo("approve");
        }
    }

    @Test
    void failsDeepRecursionOnAVirtualThread() throws Exception {
        try (GraalScriptRunner runner = new GraalScriptRunner(ScriptLimits.DEFAULTS, 1)) {
            ScriptResult[] result = new ScriptResult[1];
            Thread thread = Thread.ofVirtual().start(() ->
                    result[0] = runner.run(call("function down(n) { return down(n + 1) + 1; } down(0);")));
            thread.join(Duration.ofSeconds(30));

            assertFailure(result[0], ProblemType.SCRIPT_FAILED, "RangeError");
        }
    }

    @Test
    void failsAStepThatWaitsTooLongForABusyContext() throws Exception {
        try (GraalScriptRunner runner = new GraalScriptRunner(new ScriptLimits(Long.MAX_VALUE, TIMEOUT), 1)) {
            Thread hog = Thread.ofVirtual().start(() -> runner.run(call("while (true) {}")));
            Thread.sleep(100);

            ScriptResult waiting = runner.run(call("next = 'approve';"));
            hog.join(Duration.ofSeconds(10));

            // Either it got the context after the hog was cancelled, or it gave up waiting: never a hang.
            assertThat(waiting).satisfiesAnyOf(
                    r -> assertThat(success(r).next()).isEqualTo("approve"),
                    r -> assertFailure(r, ProblemType.SCRIPT_TIMEOUT, "No script context became free"));
        }
    }

    @Test
    void endsAnEndlessChainOfPromiseJobsAtTheStatementLimit() {
        try (GraalScriptRunner runner = new GraalScriptRunner(new ScriptLimits(10_000, Duration.ofSeconds(30)), 1)) {
            ScriptResult result = runner.run(call("function again() { return Promise.resolve().then(again); } again();"));

            assertFailure(result, ProblemType.SCRIPT_TIMEOUT, "statement limit");
            assertThat(success(runner.run(call("next = 'approve';"))).next()).isEqualTo("approve");
        }
    }

    @Test
    void survivesAThrownValueThatLoopsWhenInspected() {
        try (GraalScriptRunner runner = new GraalScriptRunner(new ScriptLimits(10_000, Duration.ofSeconds(30)), 1)) {
            ScriptResult result = runner.run(call(
                    "throw new Proxy({}, { getPrototypeOf() { for (;;) {} } });"));

            assertFailure(result, ProblemType.SCRIPT_FAILED, "could not be inspected");
            assertThat(success(runner.run(call("next = 'approve';"))).next()).isEqualTo("approve");
        }
    }
}
