package io.flowstate.server.nflow;

import static io.flowstate.server.nflow.NflowSequence.Step.fields;
import static io.flowstate.server.nflow.NflowSequence.Step.get;
import static io.flowstate.server.nflow.NflowSequence.Step.post;
import static io.flowstate.server.nflow.NflowSequence.Step.representation;
import static io.flowstate.server.nflow.NflowSequence.Step.submit;
import static io.flowstate.server.nflow.NflowSequence.Step.submitEarlier;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.flow.Mode;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.nflow.NflowSequence.Step;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * nFlow apps answer the same request sequence the same way in session mode ({@code nflow.mode = "session"}) and in
 * process mode: status, content type, pages and JSON bodies, and the run's representation; only where the run is kept
 * differs (process mode's pages carry the process id, session mode's never do). The sibling of the native
 * {@code SameResultsIT}, on the test app of {@code src/test/resources/nflow} and, where it is present, the sample app
 * {@code ../shared/nflow/app.json}.
 */
class NflowSameResultsIT {

    static ServerUnderTest process;
    static ServerUnderTest session;
    static ServerUnderTest samplesInProcessMode;
    static ServerUnderTest samplesInSessionMode;

    @BeforeAll
    static void start() {
        ServerSetup tests = ServerSetup.of("src/test/resources/nflow").withStore(StoreKind.SQLITE);
        process = patient(tests).start();
        session = inSessionMode(tests).start();
        if (NflowSamples.present()) {
            samplesInProcessMode = patient(NflowSamples.setup("app.json").withStore(StoreKind.SQLITE)).start();
            samplesInSessionMode = inSessionMode(NflowSamples.setup("app.json").withStore(StoreKind.SQLITE)).start();
        }
    }

    /**
     * {@code setup} with nFlow flows in session mode, and a script time limit that a busy build machine's cold script
     * engine does not hit (the limit itself is tested elsewhere).
     */
    static ServerSetup inSessionMode(ServerSetup setup) {
        return patient(setup).withConfig(c -> c.withNflow(c.nflow().withModes(Mode.SESSION, Map.of())));
    }

    static ServerSetup patient(ServerSetup setup) {
        return setup.withConfig(c -> c.withScript(new ScriptConfig(c.script().statementLimit(), Duration.ofSeconds(10))));
    }

    @AfterAll
    static void stop() {
        for (ServerUnderTest server : new ServerUnderTest[] {process, session, samplesInProcessMode,
            samplesInSessionMode}) {
            if (server != null) {
                server.close();
            }
        }
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("a deleted key stays deleted, and a stale page gets the current one", "state",
                        List.of(200, 200, 409, 200, 200, 200), List.of(
                        get("/state"),
                        submit(fields("x", "1")),
                        submitEarlier(2, fields("x", "stale")),
                        representation(),
                        submit(fields("y", "2")),
                        representation())),
                Arguments.of("a nested object and 10 KiB cross two forms", "state",
                        List.of(200, 200, 200, 200, 409, 200), List.of(
                        get("/state"),
                        representation(),
                        submit(fields("x", "1")),
                        submit(fields("y", "2")),
                        submit(fields("y", "after the end")),
                        representation())),
                Arguments.of("a claim of another node gets the current page and moves nothing", "state",
                        List.of(200, 409, 200, 200, 200), List.of(
                        get("/state"),
                        submit(fields("nflow_next_node_run", "done", "x", "jump")),
                        representation(),
                        submit(fields("x", "1")),
                        representation())),
                Arguments.of("a continuation without a run", "state", List.of(409), List.of(
                        post("/state", fields("nflow_next_node_run", "drop", "x", "1")))),
                Arguments.of("/pepe11 through the wrong-code loop", "pepe11",
                        List.of(200, 200, 200, 200, 200, 200, 200, 200, 200), List.of(
                        get("/pepe11"),
                        submit(fields("nombre", "Ana")),
                        submit(Pepe11Walk.celular()),
                        submit(fields("codigo", "9999")),
                        submit(Pepe11Walk.celular()),
                        submit(fields("codigo", "1111")),
                        representation(),
                        submit(fields("cantidad", "1000", "cuotas", "6", "interes", "100.00", "valorCuota",
                                "183.33", "valorTotal", "1100.00")),
                        representation())),
                Arguments.of("login, home, logout", "home", List.of(307, 200, 200, 200, 200, 307), List.of(
                        get("/home"),
                        get("/nflow_login"),
                        submit(fields("username", "dev1", "password", "dev1")),
                        get("/home"),
                        get("/logout"),
                        get("/home"))),
                Arguments.of("/pepe11 claiming a node it has not reached", "pepe11", List.of(200, 409, 200, 200),
                        List.of(
                        get("/pepe11"),
                        submit(fields("nflow_next_node_run", "24c2bafe-1111-4732-86cc-3b695b579c37",
                                "nombre", "Eve")),
                        representation(),
                        submit(fields("nombre", "Ana")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void sessionAndProcessModeAnswerAlike(String name, String app, List<Integer> statuses, List<Step> steps) {
        boolean sample = !app.equals("state");
        if (sample) {
            NflowSamples.directory();
        }
        String flowId = sample ? "app." + app : "defects.state";
        ServerUnderTest inProcessMode = sample ? samplesInProcessMode : process;
        ServerUnderTest inSessionMode = sample ? samplesInSessionMode : session;

        List<String> processAnswers = NflowSequence.play(inProcessMode.port(), "process", flowId, steps);
        List<String> sessionAnswers = NflowSequence.play(inSessionMode.port(), "session", flowId, steps);

        assertThat(processAnswers.stream().map(answer -> Integer.parseInt(answer.substring(0, 3))).toList())
                .as("process mode's statuses").containsExactlyElementsOf(statuses);
        assertThat(sessionAnswers).containsExactlyElementsOf(processAnswers);
    }
}
