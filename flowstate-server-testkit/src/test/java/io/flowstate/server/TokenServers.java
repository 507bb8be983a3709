package io.flowstate.server;

import io.flowstate.core.flow.Mode;
import io.flowstate.core.token.TokenConfig;
import io.flowstate.core.token.TokenKeys;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.server.testkit.Http;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Servers for the token-mode integration tests: loopback, port 0, the flows of src/test/resources/token-flows
 * (which name no mode, so the server's default mode decides), and helpers to speak {@code /workflow/continue}.
 */
final class TokenServers {
    private TokenServers() {
    }

    static Path flows() {
        try {
            return Path.of(TokenServers.class.getResource("/token-flows").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys from kid, secret, kid, secret, …; the first seals. */
    static TokenKeys keys(String... kidsAndSecrets) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < kidsAndSecrets.length; i += 2) {
            entries.add(Map.entry(kidsAndSecrets[i], kidsAndSecrets[i + 1]));
        }
        return TokenKeys.fromBase64(entries);
    }

    /** The test flows in {@code mode}, with {@code token} settings, on a store of {@code kind}. */
    static FlowstateConfig config(Mode mode, StoreConfig.Kind kind, Path dataDir, TokenConfig token) {
        return TestServers.config(kind, dataDir, ScriptConfig.DEFAULTS).withFlowsDir(flows()).withDefaultMode(mode)
                .withToken(token);
    }

    /** Token mode on SQLite under {@code dataDir}. */
    static FlowstateConfig sqlite(Path dataDir, TokenConfig token) {
        return config(Mode.TOKEN, StoreConfig.Kind.SQLITE, dataDir, token);
    }

    static Http.Response proceed(Http http, String token, String body) {
        return http.post("/workflow/continue", body, "Authorization", "Bearer " + token);
    }

    static String tokenOf(Http.Response response) {
        return response.json().get("processToken").asText();
    }
}
