package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.json.Json;
import io.flowstate.server.config.ConfigException;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Token mode over real HTTP on SQLite: the same flows, engine and rules as process mode, the state in the token. */
class TokenModeIT {

    /** The flows of src/test/resources/token-flows name no mode, so the server's default mode decides. */
    static final ServerSetup FLOWS = ServerSetup.of("src/test/resources/token-flows");

    @RegisterExtension
    static final FlowstateServerExtension TOKEN = new FlowstateServerExtension(FLOWS.withStore(StoreKind.SQLITE)
            .withMode(Mode.TOKEN).withTokenKeys("k1"));
    @RegisterExtension
    static final FlowstateServerExtension PROCESS = new FlowstateServerExtension(FLOWS.withStore(StoreKind.SQLITE));
    static Http tokenHttp;
    static Http processHttp;

    @BeforeAll
    static void clients() {
        tokenHttp = TOKEN.http();
        processHttp = PROCESS.http();
    }

    /** Drives one process through the API of its mode. */
    private interface Driver {
        JsonNode start(String body);

        JsonNode submit(String body);
    }

    private static final class TokenDriver implements Driver {
        private String token;

        @Override
        public JsonNode start(String body) {
            Http.Response started = tokenHttp.post("/workflow/start", body);
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            assertThat(started.header("Location")).isNull();
            token = started.processToken();
            return started.json();
        }

        @Override
        public JsonNode submit(String body) {
            Http.Response next = tokenHttp.continueProcess(token, body);
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            JsonNode answer = next.json();
            token = answer.get("processToken").isNull() ? null : answer.get("processToken").asText();
            return answer;
        }
    }

    private static final class ProcessDriver implements Driver {
        private String id;

        @Override
        public JsonNode start(String body) {
            Http.Response started = processHttp.post("/workflow/start", body);
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            id = started.json().get("processId").asText();
            return started.json();
        }

        @Override
        public JsonNode submit(String body) {
            Http.Response next = processHttp.post("/process/" + id + "/step", body);
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            return next.json();
        }
    }

    @ParameterizedTest(name = "{0} mode")
    @EnumSource(value = Mode.class, names = {"PROCESS", "TOKEN"})
    void theSameThreeStepFlowCompletesWithIdenticalResultsInEitherMode(Mode mode) {
        Driver driver = mode == Mode.TOKEN ? new TokenDriver() : new ProcessDriver();

        List<JsonNode> answers = new ArrayList<>();
        answers.add(driver.start("{\"flow\": \"wizard\", \"input\": {\"ref\": \"r-1\", \"amount\": 12.5}}"));
        answers.add(driver.submit("{\"step\": \"profile\", \"input\": {\"name\": \"Ada Lovelace\","
                + " \"email\": \"ada@example.org\"}}"));
        answers.add(driver.submit("{\"input\": {\"city\": \"London\"}}"));
        answers.add(driver.submit("{\"step\": \"confirm\", \"input\": {\"agree\": true}}"));

        // Everything but the id, the mode, the times and the token is the same in both modes.
        assertThat(answers.stream().map(TokenModeIT::comparable).toList()).containsExactly(
                json("""
                        {"flow": "wizard", "status": "waiting", "version": 1, "nextStep": "profile",
                         "state": {"ref": "r-1", "amount": 12.5}}"""),
                json("""
                        {"flow": "wizard", "status": "waiting", "version": 2, "nextStep": "address",
                         "state": {"ref": "r-1", "amount": 12.5, "name": "Ada Lovelace", "email": "ada@example.org",
                                   "score": 12}}"""),
                json("""
                        {"flow": "wizard", "status": "waiting", "version": 3, "nextStep": "confirm",
                         "state": {"ref": "r-1", "amount": 12.5, "name": "Ada Lovelace", "email": "ada@example.org",
                                   "score": 12, "city": "London"}}"""),
                json("""
                        {"flow": "wizard", "status": "completed", "version": 4, "nextStep": null,
                         "state": {"ref": "r-1", "amount": 12.5, "name": "Ada Lovelace", "email": "ada@example.org",
                                   "score": 12, "city": "London", "agree": true},
                         "result": {"ref": "r-1", "amount": 12.5, "name": "Ada Lovelace", "email": "ada@example.org",
                                   "score": 12, "city": "London", "agree": true}}"""));
        assertThat(answers).extracting(a -> a.get("processId")).containsOnly(answers.getFirst().get("processId"));
        if (mode == Mode.TOKEN) {
            assertThat(answers.subList(0, 3)).allSatisfy(a -> assertThat(a.get("processToken").asText()).isNotEmpty());
            assertThat(answers.getLast().get("processToken").isNull()).as("an ended process gets no token").isTrue();
        }
    }

    @Test
    void startAnswersATokenWithTheVersionAsETagAndStoresNothing() {
        Http.Response started = tokenHttp.post("/workflow/start", "{\"flow\": \"wizard\"}");

        assertThat(started.status()).isEqualTo(201);
        assertThat(started.header("ETag")).isEqualTo("\"1\"");
        assertThat(started.header("Cache-Control")).isEqualTo("no-store");
        assertThat(started.header("Location")).isNull();
        JsonNode body = started.json();
        assertThat(body.fieldNames().next()).isEqualTo("processToken");
        assertThat(body.at("/nextStep/schema/required/0").asText()).isEqualTo("name");
        assertThat(tokenHttp.get("/process/" + body.get("processId").asText()).status()).isEqualTo(404);
    }

    @Test
    void invalidInputIs422AndTheSameTokenStillContinues() {
        String token = tokenHttp.post("/workflow/start", "{\"flow\": \"wizard\"}").processToken();

        Http.Response invalid = tokenHttp.continueProcess(token, "{\"input\": {\"name\": \"\"}}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("code").asText()).isEqualTo("invalid_input");
        assertThat(invalid.json().get("errors")).isNotEmpty();

        Http.Response valid = tokenHttp.continueProcess(token,
                "{\"input\": {\"name\": \"Al\", \"email\": \"al@example.org\"}}");
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.json().at("/nextStep/id").asText()).isEqualTo("confirm");
    }

    @Test
    void aStepOtherThanTheWaitingOneIs409WithTheCurrentProcessAndTheTokenStillContinues() {
        String token = tokenHttp.post("/workflow/start", "{\"flow\": \"wizard\"}").processToken();

        Http.Response wrong = tokenHttp.continueProcess(token,
                "{\"step\": \"address\", \"input\": {\"city\": \"Paris\"}}");
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.json().get("code").asText()).isEqualTo("wrong_step");
        assertThat(wrong.json().get("currentVersion").asLong()).isEqualTo(1);

        assertThat(tokenHttp.continueProcess(token, "{\"step\": \"profile\", \"input\": {\"name\": \"Al\","
                + " \"email\": \"al@example.org\"}}").status()).isEqualTo(200);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerWhileTheTokenItselfIsSpent() {
        String token = tokenHttp.post("/workflow/start", "{\"flow\": \"wizard\"}").processToken();
        String body = "{\"input\": {\"name\": \"Al\", \"email\": \"al@example.org\"}}";

        Http.Response first = tokenHttp.post("/workflow/continue", body, "Authorization", "Bearer " + token,
                "Idempotency-Key", "continue-1");
        Http.Response retry = tokenHttp.post("/workflow/continue", body, "Authorization", "Bearer " + token,
                "Idempotency-Key", "continue-1");
        Http.Response withoutKey = tokenHttp.continueProcess(token, body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.processToken()).isEqualTo(first.processToken());
        assertThat(withoutKey.status()).isEqualTo(409);
        assertThat(withoutKey.json().get("code").asText()).isEqualTo("token_replayed");
        Http.Response otherToken = tokenHttp.post("/workflow/continue", body, "Authorization",
                "Bearer " + first.processToken(), "Idempotency-Key", "continue-1");
        assertThat(otherToken.status()).isEqualTo(422);
        assertThat(otherToken.json().get("code").asText()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void continuesOneTokenOnlyOnceUnderConcurrentRequests() throws Exception {
        String token = tokenHttp.post("/workflow/start", "{\"flow\": \"wizard\"}").processToken();
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Http.Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "T" + t;
                futures.add(pool.submit(() -> {
                    go.await();
                    return tokenHttp.continueProcess(token, "{\"input\": {\"name\": \"" + name + "\","
                            + " \"email\": \"t@example.org\"}}");
                }));
            }
            go.countDown();
            for (Future<Http.Response> future : futures) {
                answers.add(future.get());
            }
        }

        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 200)
                .allSatisfy(a -> {
                    assertThat(a.status()).isEqualTo(409);
                    assertThat(a.json().get("code").asText()).isEqualTo("token_replayed");
                });
    }

    @Test
    void aTokenIsRefusedOnceItsTtlHasPassed() {
        try (ServerUnderTest server = FLOWS.withMode(Mode.TOKEN).withMutableClock().withTokenKeys("k1")
                .withToken(token -> token.withTtl(Duration.ofMinutes(10))).start()) {
            MutableClock clock = server.mutableClock();
            Http http = server.http();
            String first = http.post("/workflow/start", "{\"flow\": \"grow\"}").processToken();
            clock.advance(Duration.ofMinutes(9));
            Http.Response second = http.continueProcess(first, "{}");
            assertThat(second.status()).isEqualTo(200);

            clock.advance(Duration.ofMinutes(10));
            Http.Response expired = http.continueProcess(second.processToken(), "{}");

            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.json().get("code").asText()).isEqualTo("invalid_token");
            assertThat(expired.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void theStartFailsNamingTokenKeysWhenTokenModeIsTheDefaultAndNoKeyIsConfigured() {
        assertThatThrownBy(() -> FLOWS.withMode(Mode.TOKEN).start())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("token.keys: mode is token, but no key is configured");
    }

    @Test
    void theStartFailsNamingTokenKeysAndTheFlowWhenOneFlowRunsInTokenModeWithoutKeys(@TempDir Path flows)
            throws IOException {
        Files.writeString(flows.resolve("tokenflow.json"), """
                {"id": "tokenflow", "mode": "token", "start": "a",
                 "steps": {"a": {"type": "form", "schema": {"type": "object"}, "next": "b"}, "b": {"type": "end"}}}""");

        assertThatThrownBy(() -> ServerSetup.of(flows).start())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("token.keys: flow(s) tokenflow run in token mode, but no key is configured");
    }

    @Test
    void continueOnAServerWithoutKeysRefusesEveryToken() {
        String token = tokenHttp.post("/workflow/start", "{\"flow\": \"wizard\"}").processToken();

        Http.Response refused = processHttp.continueProcess(token, "{}");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asText()).isEqualTo("invalid_token");
    }

    /** The answer without what differs between runs and modes: id, times, token; {@code nextStep} as its id. */
    private static JsonNode comparable(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove(List.of("processId", "processToken", "mode", "createdAt", "updatedAt", "expiresAt"));
        copy.set("nextStep", answer.get("nextStep").isNull() ? Json.mapper().nullNode() : answer.at("/nextStep/id"));
        return copy;
    }

    private static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
