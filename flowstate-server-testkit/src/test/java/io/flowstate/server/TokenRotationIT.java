package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.json.Json;
import io.flowstate.core.token.TokenKeys;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.io.IOException;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Key rotation across restarts on one SQLite file: prepend a new key and tokens sealed before still continue
 * (and come back sealed with the new key); remove the old key and its tokens are refused.
 */
class TokenRotationIT {

    static final String K1 = TokenKeys.newSecret();
    static final String K2 = TokenKeys.newSecret();
    static final String PROFILE = "{\"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}";

    @Test
    void tokensOfAKeyStillListedContinueAndTokensOfARemovedKeyAreRefused() {
        try (ServerUnderTest server = ServerSetup.of("src/test/resources/token-flows").withStore(StoreKind.SQLITE)
                .withMode(Mode.TOKEN).withTokenKeys("k1=" + K1).start()) {
            Http before = server.http();
            String kept = before.post("/workflow/start", "{\"flow\": \"wizard\"}").processToken();
            String stranded = before.post("/workflow/start", "{\"flow\": \"wizard\"}").processToken();
            assertThat(kid(kept)).isEqualTo("k1");

            server.restart(keys("k2=" + K2, "k1=" + K1));
            Http.Response continued = server.http().continueProcess(kept, PROFILE);
            assertThat(continued.status()).as(continued.body()).isEqualTo(200);
            String resealed = continued.processToken();
            assertThat(kid(resealed)).isEqualTo("k2");

            server.restart(keys("k2=" + K2));
            Http http = server.http();
            Http.Response refused = http.continueProcess(stranded, PROFILE);
            Http.Response next = http.continueProcess(resealed, "{\"input\": {\"city\": \"London\"}}");

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("code").asText()).isEqualTo("invalid_token");
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.json().get("version").asLong()).isEqualTo(3);
        }
    }

    /** The server's configuration with these keys instead (the same SQLite file, so the processes stay). */
    private static UnaryOperator<FlowstateConfig> keys(String... keys) {
        return config -> config.withToken(config.token().withKeys(ServerSetup.tokenKeys(keys)));
    }

    private static String kid(String token) {
        try {
            JsonNode header = Json.parse(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
            return header.get("kid").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
