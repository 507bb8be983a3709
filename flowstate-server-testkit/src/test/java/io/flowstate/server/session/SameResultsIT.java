package io.flowstate.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.flow.Mode;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.StoreKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same flow answers the same request sequence the same way in session mode and in process mode: status codes,
 * states, waiting steps, results, versions and problems, everything but where the state is kept (the process id, the
 * mode and the timestamps).
 */
class SameResultsIT {

    @RegisterExtension
    static final FlowstateServerExtension PROCESS = new FlowstateServerExtension(
            ServerSetup.of("src/test/resources/session-flows").withStore(StoreKind.SQLITE));
    @RegisterExtension
    static final FlowstateServerExtension SESSION = new FlowstateServerExtension(
            ServerSetup.of("src/test/resources/session-flows").withStore(StoreKind.SQLITE).withMode(Mode.SESSION));

    /** One request after the start: a step body, and an If-Match or none. */
    record Step(String body, String ifMatch) {
        static Step of(String body) {
            return new Step(body, "");
        }
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("order to its end", "order", "{}", List.of(
                        Step.of("{\"step\": \"customer\", \"input\": {\"name\": \"Ada\"}}"),
                        Step.of("{\"step\": \"items\", \"input\": {\"count\": 3}}"),
                        Step.of("{\"step\": \"confirm\", \"input\": {\"accept\": true}}"),
                        Step.of("{\"step\": \"confirm\", \"input\": {\"accept\": true}}"))),
                Arguments.of("invalid input, then valid", "order", "{\"ref\": \"r-1\"}", List.of(
                        Step.of("{\"step\": \"customer\", \"input\": {\"name\": \"\"}}"),
                        Step.of("{\"step\": \"customer\", \"input\": {\"name\": \"Bo\"}}"),
                        Step.of("{\"step\": \"items\", \"input\": {\"count\": 11}}"),
                        Step.of("{\"step\": \"items\", \"input\": {\"count\": \"two\"}}"),
                        Step.of("{\"step\": \"items\", \"input\": {\"count\": 2}}"))),
                Arguments.of("wrong step and stale version", "order", "{}", List.of(
                        Step.of("{\"step\": \"confirm\", \"input\": {\"accept\": true}}"),
                        new Step("{\"step\": \"customer\", \"input\": {\"name\": \"Cy\"}}", "\"4\""),
                        new Step("{\"step\": \"customer\", \"input\": {\"name\": \"Cy\"}}", "\"1\""),
                        Step.of("{\"input\": {\"count\": 1}}"))),
                Arguments.of("a loop", "counter", "{\"total\": 10}", List.of(
                        Step.of("{\"step\": \"add\", \"input\": {\"n\": 2}}"),
                        Step.of("{\"step\": \"add\", \"input\": {\"n\": -7}}"),
                        Step.of("{\"step\": \"add\", \"input\": {\"n\": 1.5}}"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void sessionAndProcessModeAnswerAlike(String name, String flow, String input, List<Step> steps) {
        List<String> inProcessMode = inProcessMode(PROCESS.http(), flow, input, steps);
        List<String> inSessionMode = inSessionMode(new Browser(SESSION.http()), flow, input, steps);

        assertThat(inSessionMode).containsExactlyElementsOf(inProcessMode);
    }

    private static List<String> inProcessMode(Http http, String flow, String input, List<Step> steps) {
        List<String> answers = new ArrayList<>();
        Http.Response started = http.post("/workflow/start", "{\"flow\": \"" + flow + "\", \"input\": " + input + "}");
        answers.add(comparable(started));
        String path = "/process/" + started.processId() + "/step";
        for (Step step : steps) {
            answers.add(comparable(step.ifMatch().isEmpty() ? http.post(path, step.body())
                    : http.post(path, step.body(), "If-Match", step.ifMatch())));
        }
        answers.add(comparable(http.get("/process/" + started.processId())));
        return answers;
    }

    private static List<String> inSessionMode(Browser browser, String flow, String input, List<Step> steps) {
        List<String> answers = new ArrayList<>();
        answers.add(comparable(browser.start(flow, input)));
        String path = "/session/" + flow + "/step";
        for (Step step : steps) {
            answers.add(comparable(step.ifMatch().isEmpty() ? browser.post(path, step.body())
                    : browser.post(path, step.body(), "If-Match", step.ifMatch())));
        }
        answers.add(comparable(browser.get("/session/" + flow)));
        return answers;
    }

    /** Status, ETag and body without what differs by design: ids, mode, times and texts that name the id. */
    private static String comparable(Http.Response response) {
        JsonNode body = response.json();
        if (body instanceof ObjectNode object) {
            strip(object);
            if (object.get("current") instanceof ObjectNode current) {
                strip(current);
            }
        }
        return response.status() + " " + response.header("ETag") + " " + body;
    }

    private static void strip(ObjectNode node) {
        node.remove(List.of("processId", "mode", "createdAt", "updatedAt", "expiresAt", "detail", "instance"));
    }
}
