package io.flowstate.server;

import static io.flowstate.server.TokenServers.proceed;
import static io.flowstate.server.TokenServers.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.token.TokenConfig;
import io.flowstate.core.token.TokenKeys;
import io.flowstate.server.testkit.Http;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation across restarts on one SQLite file: prepend a new key and tokens sealed before still continue
 * (and come back sealed with the new key); remove the old key and its tokens are refused.
 */
class TokenRotationIT {

    static final String K1 = TokenKeys.newSecret();
    static final String K2 = TokenKeys.newSecret();
    static final String PROFILE = "{\"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}";

    @TempDir
    Path data;

    @Test
    void tokensOfAKeyStillListedContinueAndTokensOfARemovedKeyAreRefused() {
        String kept;
        String stranded;
        try (FlowstateServer before = start(TokenServers.keys("k1", K1))) {
            Http http = new Http(before.port());
            kept = tokenOf(http.post("/workflow/start", "{\"flow\": \"wizard\"}"));
            stranded = tokenOf(http.post("/workflow/start", "{\"flow\": \"wizard\"}"));
        }
        assertThat(kid(kept)).isEqualTo("k1");

        String resealed;
        try (FlowstateServer prepended = start(TokenServers.keys("k2", K2, "k1", K1))) {
            Http.Response continued = proceed(new Http(prepended.port()), kept, PROFILE);
            assertThat(continued.status()).as(continued.body()).isEqualTo(200);
            resealed = tokenOf(continued);
        }
        assertThat(kid(resealed)).isEqualTo("k2");

        try (FlowstateServer removed = start(TokenServers.keys("k2", K2))) {
            Http http = new Http(removed.port());
            Http.Response refused = proceed(http, stranded, PROFILE);
            Http.Response continued = proceed(http, resealed, "{\"input\": {\"city\": \"London\"}}");

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("code").asText()).isEqualTo("invalid_token");
            assertThat(continued.status()).isEqualTo(200);
            assertThat(continued.json().get("version").asLong()).isEqualTo(3);
        }
    }

    private FlowstateServer start(TokenKeys keys) {
        return FlowstateServer.start(TokenServers.sqlite(data, TokenConfig.DEFAULTS.withKeys(keys)));
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
