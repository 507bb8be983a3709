package io.flowstate.server;

import static io.flowstate.server.TokenServers.proceed;
import static io.flowstate.server.TokenServers.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.json.Json;
import io.flowstate.core.token.TokenConfig;
import io.flowstate.core.token.TokenKeys;
import io.flowstate.server.testkit.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay guard: with it (the default) only the newest token of a process continues it; without it
 * ({@code token.replayGuard = false}) any unexpired token does, which rolls the process back and forks it.
 */
class TokenReplayIT {

    static final String PROFILE = "{\"step\": \"profile\", \"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}";
    static final String ADDRESS = "{\"step\": \"address\", \"input\": {\"city\": \"London\"}}";
    static final String CONFIRM = "{\"step\": \"confirm\", \"input\": {\"agree\": true}}";

    @TempDir
    static Path data;
    static FlowstateServer guarded;
    static FlowstateServer unguarded;
    static Http guardedHttp;
    static Http unguardedHttp;

    @BeforeAll
    static void start() throws IOException {
        TokenConfig token = TokenConfig.DEFAULTS.withKeys(TokenServers.keys("k1", TokenKeys.newSecret()));
        guarded = FlowstateServer.start(TokenServers.sqlite(Files.createDirectory(data.resolve("on")), token));
        unguarded = FlowstateServer.start(TokenServers.sqlite(Files.createDirectory(data.resolve("off")),
                token.withReplayGuard(false)));
        guardedHttp = new Http(guarded.port());
        unguardedHttp = new Http(unguarded.port());
    }

    @AfterAll
    static void stop() {
        guarded.stop();
        unguarded.stop();
    }

    @Test
    void anOlderTokenPresentedAfterTheProcessMovedOnIs409AndChangesNothing() {
        Http.Response first = guardedHttp.post("/workflow/start", "{\"flow\": \"wizard\"}");
        Http.Response second = proceed(guardedHttp, tokenOf(first), PROFILE);
        Http.Response third = proceed(guardedHttp, tokenOf(second), ADDRESS);
        assertThat(third.json().get("version").asLong()).isEqualTo(3);

        Http.Response replayedFirst = proceed(guardedHttp, tokenOf(first),
                "{\"input\": {\"name\": \"Mallory\", \"email\": \"m@example.org\"}}");
        Http.Response replayedSecond = proceed(guardedHttp, tokenOf(second), "{\"input\": {\"city\": \"Paris\"}}");

        for (Http.Response replayed : new Http.Response[] {replayedFirst, replayedSecond}) {
            assertThat(replayed.status()).isEqualTo(409);
            assertThat(replayed.header("Content-Type")).startsWith("application/problem+json");
            assertThat(replayed.json().get("code").asText()).isEqualTo("token_replayed");
            assertThat(replayed.body()).doesNotContain("processToken", "Mallory", "Paris");
        }
        Http.Response done = proceed(guardedHttp, tokenOf(third), CONFIRM);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("version").asLong()).isEqualTo(4);
        assertThat(done.json().get("result")).isEqualTo(Json.object().put("name", "Ada Lovelace")
                .put("email", "ada@example.org").put("score", 12).put("city", "London").put("agree", true));
    }

    @Test
    void theSameTokenTwiceIs409TheSecondTime() {
        String token = tokenOf(guardedHttp.post("/workflow/start", "{\"flow\": \"wizard\"}"));

        assertThat(proceed(guardedHttp, token, PROFILE).status()).isEqualTo(200);
        Http.Response again = proceed(guardedHttp, token, PROFILE);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("token_replayed");
    }

    @Test
    void withTheGuardOffAnOlderTokenRollsTheProcessBackAndForksIt() {
        Http.Response first = unguardedHttp.post("/workflow/start", "{\"flow\": \"wizard\"}");
        Http.Response second = proceed(unguardedHttp, tokenOf(first), PROFILE);
        Http.Response third = proceed(unguardedHttp, tokenOf(second), ADDRESS);

        // The documented risk: the step-1 token continues again, from version 1's state.
        Http.Response rolledBack = proceed(unguardedHttp, tokenOf(first),
                "{\"input\": {\"name\": \"Mal\", \"email\": \"m@example.org\"}}");
        Http.Response original = proceed(unguardedHttp, tokenOf(third), CONFIRM);

        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.json().get("version").asLong()).isEqualTo(2);
        assertThat(rolledBack.json().at("/state/name").asText()).isEqualTo("Mal");
        assertThat(rolledBack.json().at("/nextStep/id").asText()).isEqualTo("confirm");
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.json().at("/result/name").asText()).isEqualTo("Ada Lovelace");
        assertThat(rolledBack.json().get("processId")).isEqualTo(original.json().get("processId"));
    }
}
