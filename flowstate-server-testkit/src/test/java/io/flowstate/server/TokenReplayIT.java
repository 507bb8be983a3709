package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.flow.Mode;
import io.flowstate.core.json.Json;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.StoreKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The replay guard: with it (the default) only the newest token of a process continues it; without it
 * ({@code token.replayGuard = false}) any unexpired token does, which rolls the process back and forks it.
 */
class TokenReplayIT {

    static final String PROFILE = "{\"step\": \"profile\", \"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}";
    static final String ADDRESS = "{\"step\": \"address\", \"input\": {\"city\": \"London\"}}";
    static final String CONFIRM = "{\"step\": \"confirm\", \"input\": {\"agree\": true}}";

    static final ServerSetup TOKEN_MODE = ServerSetup.of("src/test/resources/token-flows").withStore(StoreKind.SQLITE)
            .withMode(Mode.TOKEN).withTokenKeys("k1");

    @RegisterExtension
    static final FlowstateServerExtension GUARDED = new FlowstateServerExtension(TOKEN_MODE);
    @RegisterExtension
    static final FlowstateServerExtension UNGUARDED = new FlowstateServerExtension(
            TOKEN_MODE.withToken(token -> token.withReplayGuard(false)));
    static Http guardedHttp;
    static Http unguardedHttp;

    @BeforeAll
    static void clients() {
        guardedHttp = GUARDED.http();
        unguardedHttp = UNGUARDED.http();
    }

    @Test
    void anOlderTokenPresentedAfterTheProcessMovedOnIs409AndChangesNothing() {
        Http.Response first = guardedHttp.post("/workflow/start", "{\"flow\": \"wizard\"}");
        Http.Response second = guardedHttp.continueProcess(first.processToken(), PROFILE);
        Http.Response third = guardedHttp.continueProcess(second.processToken(), ADDRESS);
        assertThat(third.json().get("version").asLong()).isEqualTo(3);

        Http.Response replayedFirst = guardedHttp.continueProcess(first.processToken(),
                "{\"input\": {\"name\": \"Mallory\", \"email\": \"m@example.org\"}}");
        Http.Response replayedSecond = guardedHttp.continueProcess(second.processToken(),
                "{\"input\": {\"city\": \"Paris\"}}");

        for (Http.Response replayed : new Http.Response[] {replayedFirst, replayedSecond}) {
            assertThat(replayed.status()).isEqualTo(409);
            assertThat(replayed.header("Content-Type")).startsWith("application/problem+json");
            assertThat(replayed.json().get("code").asText()).isEqualTo("token_replayed");
            assertThat(replayed.body()).doesNotContain("processToken", "Mallory", "Paris");
        }
        Http.Response done = guardedHttp.continueProcess(third.processToken(), CONFIRM);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("version").asLong()).isEqualTo(4);
        assertThat(done.json().get("result")).isEqualTo(Json.object().put("name", "Ada Lovelace")
                .put("email", "ada@example.org").put("score", 12).put("city", "London").put("agree", true));
    }

    @Test
    void theSameTokenTwiceIs409TheSecondTime() {
        String token = guardedHttp.post("/workflow/start", "{\"flow\": \"wizard\"}").processToken();

        assertThat(guardedHttp.continueProcess(token, PROFILE).status()).isEqualTo(200);
        Http.Response again = guardedHttp.continueProcess(token, PROFILE);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("token_replayed");
    }

    @Test
    void withTheGuardOffAnOlderTokenRollsTheProcessBackAndForksIt() {
        Http.Response first = unguardedHttp.post("/workflow/start", "{\"flow\": \"wizard\"}");
        Http.Response second = unguardedHttp.continueProcess(first.processToken(), PROFILE);
        Http.Response third = unguardedHttp.continueProcess(second.processToken(), ADDRESS);

        // The documented risk: the step-1 token continues again, from version 1's state.
        Http.Response rolledBack = unguardedHttp.continueProcess(first.processToken(),
                "{\"input\": {\"name\": \"Mal\", \"email\": \"m@example.org\"}}");
        Http.Response original = unguardedHttp.continueProcess(third.processToken(), CONFIRM);

        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.json().get("version").asLong()).isEqualTo(2);
        assertThat(rolledBack.json().at("/state/name").asText()).isEqualTo("Mal");
        assertThat(rolledBack.json().at("/nextStep/id").asText()).isEqualTo("confirm");
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.json().at("/result/name").asText()).isEqualTo("Ada Lovelace");
        assertThat(rolledBack.json().get("processId")).isEqualTo(original.json().get("processId"));
    }
}
