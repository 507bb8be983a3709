package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.flow.Mode;
import io.flowstate.core.token.TokenOverflow;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.StoreKind;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The size budget ({@code token.maxBytes}, 6144 by default): a transition whose token would be larger is 413
 * {@code token_too_large} and changes nothing, or with {@code token.overflow = process} moves the process to the
 * store, where it continues in process mode.
 */
class TokenSizeIT {

    /** 12 KiB of random base64: incompressible, so no token can carry it within 6144 bytes. */
    static final String BIG_INPUT = "{\"input\": {\"attachment\": \"" + randomText(12 * 1024) + "\"}}";

    static final ServerSetup TOKEN_MODE = ServerSetup.of("src/test/resources/token-flows").withStore(StoreKind.SQLITE)
            .withMode(Mode.TOKEN).withTokenKeys("k1");

    @RegisterExtension
    static final FlowstateServerExtension REJECTING = new FlowstateServerExtension(TOKEN_MODE);
    @RegisterExtension
    static final FlowstateServerExtension OVERFLOWING = new FlowstateServerExtension(
            TOKEN_MODE.withToken(token -> token.withOverflow(TokenOverflow.PROCESS)));
    static Http rejectingHttp;
    static Http overflowingHttp;

    @BeforeAll
    static void clients() {
        rejectingHttp = REJECTING.http();
        overflowingHttp = OVERFLOWING.http();
    }

    @Test
    void aStepWhoseTokenWouldExceedTheBudgetIs413AndTheSameTokenStillContinues() {
        String token = rejectingHttp.post("/workflow/start", "{\"flow\": \"grow\"}").processToken();

        Http.Response tooLarge = rejectingHttp.continueProcess(token, BIG_INPUT);

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("code").asText()).isEqualTo("token_too_large");
        assertThat(tooLarge.json().get("detail").asText()).contains("limit (token.maxBytes) is 6144");
        assertThat(tooLarge.body()).doesNotContain("processToken");
        Http.Response small = rejectingHttp.continueProcess(token, "{\"input\": {\"note\": \"short\"}}");
        assertThat(small.status()).isEqualTo(200);
        assertThat(small.json().get("version").asLong()).isEqualTo(2);
        assertThat(small.json().get("state").has("attachment")).isFalse();
    }

    @Test
    void aStartWhoseTokenWouldExceedTheBudgetIs413() {
        Http.Response tooLarge = rejectingHttp.post("/workflow/start",
                "{\"flow\": \"grow\", \"input\": {\"attachment\": \"" + randomText(12 * 1024) + "\"}}");

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("code").asText()).isEqualTo("token_too_large");
    }

    @Test
    void withOverflowToProcessTheProcessMovesToTheStoreAndContinuesThere() {
        Http.Response started = overflowingHttp.post("/workflow/start", "{\"flow\": \"grow\"}");
        String token = started.processToken();
        String id = started.json().get("processId").asText();

        Http.Response moved = overflowingHttp.continueProcess(token, BIG_INPUT);

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().has("processToken")).isFalse();
        assertThat(moved.json().get("processId").asText()).isEqualTo(id);
        assertThat(moved.header("Location")).isEqualTo("/process/" + id);
        assertThat(moved.header("ETag")).isEqualTo("\"2\"");
        Http.Response stored = overflowingHttp.get("/process/" + id);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().at("/nextStep/id").asText()).isEqualTo("review");
        assertThat(stored.json().at("/state/attachment").asText().length()).isEqualTo(12 * 1024);

        Http.Response done = overflowingHttp.post("/process/" + id + "/step", "{\"input\": {\"ok\": true}}",
                "If-Match", "\"2\"");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("status").asText()).isEqualTo("completed");
        Http.Response replayed = overflowingHttp.continueProcess(token, "{\"input\": {}}");
        assertThat(replayed.status()).isEqualTo(409);
        assertThat(replayed.json().get("code").asText()).isEqualTo("token_replayed");
    }

    @Test
    void withOverflowToProcessAStartOverTheBudgetIsCreatedInTheStore() {
        Http.Response started = overflowingHttp.post("/workflow/start",
                "{\"flow\": \"grow\", \"input\": {\"attachment\": \"" + randomText(12 * 1024) + "\"}}");

        assertThat(started.status()).isEqualTo(201);
        String id = started.json().get("processId").asText();
        assertThat(started.header("Location")).isEqualTo("/process/" + id);
        assertThat(started.json().has("processToken")).isFalse();
        assertThat(overflowingHttp.get("/process/" + id).json().get("version").asLong()).isEqualTo(1);
    }

    private static String randomText(int length) {
        byte[] bytes = new byte[length * 3 / 4];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
