package io.flowstate.server.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.engine.EngineLimits;
import io.flowstate.core.engine.FlowRunner;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.RejectionType;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.core.flow.FormStep;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.flow.ScriptStep;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The flows in examples/flows, which a newcomer runs first, load cleanly and do what their files say. */
class ExampleFlowsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static FlowCatalog catalog;
    private static JavaScriptSteps scripts;
    private static FlowRunner runner;

    @BeforeAll
    static void loadExamples() throws IOException {
        catalog = FlowCatalog.load(examplesDirectory(), new InputValidator());
        scripts = new JavaScriptSteps();
        runner = new FlowRunner(scripts, new InputValidator(), EngineLimits.DEFAULTS);
    }

    @AfterAll
    static void closeScripts() {
        scripts.close();
    }

    @Test
    void everyFileInExamplesFlowsLoadsWithoutErrors() throws IOException {
        long files;
        try (Stream<Path> list = Files.list(examplesDirectory())) {
            files = list.filter(Files::isRegularFile).count();
        }

        assertThat(catalog.errors()).isEmpty();
        assertThat(catalog.all()).hasSize((int) files);
        assertThat(catalog.all()).extracting(Flow::id).contains("signup", "approval");
    }

    @Test
    void signupHasTheDocumentedShape() {
        Flow signup = catalog.find("signup").orElseThrow();

        assertThat(signup.title()).isEqualTo("Sign up");
        assertThat(signup.mode()).isEqualTo(Mode.PROCESS);
        assertThat(signup.ttl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(signup.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(signup.start()).isEqualTo("profile");
        assertThat(signup.steps().keySet()).containsExactly("profile", "score", "address", "done");
        FormStep profile = (FormStep) signup.steps().get("profile");
        assertThat(profile.title()).isEqualTo("About you");
        assertThat(profile.schema().get("required")).isEqualTo(Json.mapper().valueToTree(new String[] {"name", "email"}));
        assertThat(((ScriptStep) signup.steps().get("score")).edges())
                .isEqualTo(Map.of("long", "address", "short", "done"));
    }

    @Test
    void signupAsksForAnAddressOnlyWhenTheNameIsLong() {
        ProcessInstance longName = waiting(start("signup", "{}"), "profile");
        longName = waiting(submit("signup", longName, "{\"name\": \"Alexandra\", \"email\": \"a@example.com\"}"),
                "address");
        assertThat(longName.state().get("score").asInt()).isEqualTo(9);
        ProcessInstance done = submit("signup", longName, "{\"city\": \"Lyon\"}");
        assertThat(done.status()).isEqualTo(ProcessStatus.COMPLETED);

        ProcessInstance shortName = waiting(start("signup", "{}"), "profile");
        ProcessInstance shortDone = submit("signup", shortName, "{\"name\": \"Bo\", \"email\": \"bo@example.com\"}");
        assertThat(shortDone.status()).isEqualTo(ProcessStatus.COMPLETED);
        assertThat(shortDone.result().get("score").asInt()).isEqualTo(2);
    }

    @Test
    void signupRejectsAnInvalidEmail() {
        ProcessInstance profile = waiting(start("signup", "{}"), "profile");

        Outcome outcome = runner.submit(flow("signup"), profile, null,
                json("{\"name\": \"Alexandra\", \"email\": \"not an email\"}"), NOW);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().type()).isEqualTo(RejectionType.INVALID_INPUT));
    }

    @Test
    void approvalApprovesSmallAmountsWithoutAReview() {
        ProcessInstance request = waiting(start("approval", "{}"), "request");

        ProcessInstance done = submit("approval", request, "{\"amount\": 40, \"reason\": \"Taxi\"}");

        assertThat(done.status()).isEqualTo(ProcessStatus.COMPLETED);
        assertThat(done.result().get("autoApproved").asBoolean()).isTrue();
    }

    @Test
    void approvalLoopsBackToTheRequestWhenTheReviewerAsksForChanges() {
        ProcessInstance request = waiting(start("approval", "{}"), "request");
        ProcessInstance review = waiting(submit("approval", request, "{\"amount\": 900, \"reason\": \"Laptop\"}"),
                "review");

        ProcessInstance again = waiting(submit("approval", review,
                "{\"decision\": \"changes\", \"comment\": \"Attach the invoice\"}"), "request");
        ProcessInstance secondReview = waiting(submit("approval", again,
                "{\"amount\": 850, \"reason\": \"Laptop, invoice attached\"}"), "review");
        ProcessInstance approved = submit("approval", secondReview, "{\"decision\": \"approve\"}");

        assertThat(approved.status()).isEqualTo(ProcessStatus.COMPLETED);
        assertThat(approved.result().get("reviews").asInt()).isEqualTo(2);
        assertThat(approved.result().get("amount").asInt()).isEqualTo(850);
    }

    @Test
    void approvalEndsRejectedWhenTheReviewerRejects() {
        ProcessInstance review = waiting(submit("approval", waiting(start("approval", "{}"), "request"),
                "{\"amount\": 5000, \"reason\": \"Conference\"}"), "review");

        ProcessInstance rejected = submit("approval", review, "{\"decision\": \"reject\"}");

        assertThat(rejected.status()).isEqualTo(ProcessStatus.COMPLETED);
        assertThat(rejected.result().get("decision").asText()).isEqualTo("reject");
    }

    @Test
    void approvalRefusesANonPositiveAmountAndAnUnknownDecision() {
        ProcessInstance request = waiting(start("approval", "{}"), "request");
        assertThat(runner.submit(flow("approval"), request, null, json("{\"amount\": 0, \"reason\": \"x\"}"), NOW))
                .isInstanceOf(Outcome.Rejected.class);

        ProcessInstance review = waiting(submit("approval", request, "{\"amount\": 500, \"reason\": \"x\"}"), "review");
        assertThat(runner.submit(flow("approval"), review, null, json("{\"decision\": \"maybe\"}"), NOW))
                .isInstanceOf(Outcome.Rejected.class);
    }

    private static ProcessInstance start(String flowId, String input) {
        return accepted(runner.start(flow(flowId), UUID.randomUUID(), json(input), NOW));
    }

    private static ProcessInstance submit(String flowId, ProcessInstance current, String input) {
        return accepted(runner.submit(flow(flowId), current, null, json(input), NOW));
    }

    private static ProcessInstance waiting(ProcessInstance process, String step) {
        assertThat(process.status()).as("status of %s", process.state()).isEqualTo(ProcessStatus.WAITING);
        assertThat(process.currentStep()).isEqualTo(step);
        return process;
    }

    private static ProcessInstance accepted(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        ProcessInstance process = ((Outcome.Accepted) outcome).process();
        assertThat(process.error()).as("error").isNull();
        return process;
    }

    private static Flow flow(String id) {
        return catalog.find(id).orElseThrow();
    }

    private static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** examples/flows of the repository, found from the module directory the tests run in. */
    private static Path examplesDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples").resolve("flows");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/flows not found above " + Path.of("").toAbsolutePath());
    }
}
