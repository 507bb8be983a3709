package io.flowstate.server.token;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.token.TokenClaims;
import io.flowstate.server.http.FlowStarter;
import io.flowstate.server.http.Idempotency;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;
import io.flowstate.server.wire.RequestBody;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code POST /workflow/continue} with {@code Authorization: Bearer <processToken>} and a body
 * {@code {"input": {…}, "step": "…", "flow": "…"}} ({@code step} and {@code flow} optional; a {@code flow} that is
 * not the token's is refused like a forged token). The token is checked before anything runs: any refusal is 401
 * {@code invalid_token}. An {@code Idempotency-Key} is scoped to the token's process id, and its fingerprint
 * covers the token as well as the body.
 */
public final class TokenRoutes implements HttpService, FlowStarter {

    private final TokenMode tokens;
    private final RequestBody body;
    private final Idempotency idempotency;
    private final TokenReplies replies;

    public TokenRoutes(TokenMode tokens, RequestBody body, Idempotency idempotency, Representations representations) {
        this.tokens = tokens;
        this.body = body;
        this.idempotency = idempotency;
        this.replies = new TokenReplies(representations);
    }

    /** {@code POST /workflow/start} of a flow that runs in token mode. */
    @Override
    public Optional<Reply> start(String flowId, JsonNode input) {
        return tokens.start(flowId, input).map(outcome -> replies.render(outcome, 201));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/workflow/continue", this::proceed);
    }

    private void proceed(ServerRequest request, ServerResponse response) {
        Optional<String> token = BearerToken.from(request);
        if (token.isEmpty()) {
            Problems.invalidToken().send(response);
            return;
        }
        body.requireContentType(request, Reply.JSON);
        byte[] bytes = body.bytes(request);
        JsonNode document = body.optionalJson(bytes);
        JsonNode flow = document == null ? null : document.get("flow");
        if ((document != null && !document.isObject()) || (flow != null && !flow.isTextual())) {
            Problems.of(ProblemType.INVALID_INPUT, "Expected a body {\"input\": {…}, \"step\": \"<step id>\"}")
                    .send(response);
            return;
        }
        Optional<TokenClaims> claims = tokens.verify(token.get(), flow == null ? null : flow.asText());
        if (claims.isEmpty()) {
            Problems.invalidToken().send(response);
            return;
        }
        JsonNode input = document == null ? null : document.get("input");
        JsonNode step = document == null ? null : document.get("step");
        String stepId = step != null && step.isTextual() ? step.asText() : null;
        idempotency.run(request, claims.get().processId().toString(), fingerprinted(token.get(), bytes),
                () -> replies.render(tokens.proceed(claims.get(), stepId, input), 200)).send(response);
    }

    /** The token and the body: a key reused with another token of the process is a reuse, not a retry. */
    private static byte[] fingerprinted(String token, byte[] body) {
        byte[] prefix = (token + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return all;
    }
}
