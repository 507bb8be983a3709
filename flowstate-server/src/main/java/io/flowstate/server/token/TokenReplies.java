package io.flowstate.server.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.server.wire.Preconditions;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;
import org.jspecify.annotations.Nullable;

/**
 * Renders {@link TokenOutcome}s: the representation plus {@code processToken}, {@code ETag} = the version the token
 * carries, {@code Cache-Control: no-store} (a token is a credential), no {@code Location} (there is no resource) —
 * except for a process moved to the store, which is answered as process mode answers.
 */
final class TokenReplies {

    private final Representations representations;

    TokenReplies(Representations representations) {
        this.representations = representations;
    }

    /** @param status 201 for a start, 200 for a continuation */
    Reply render(TokenOutcome outcome, int status) {
        return switch (outcome) {
            case TokenOutcome.Issued issued -> withToken(status, issued.process(), issued.token())
                    .expiringAt(issued.expiresAt());
            case TokenOutcome.Ended ended -> withToken(status, ended.process(), null)
                    .expiringAt(ended.process().expiresAt());
            case TokenOutcome.MovedToStore moved -> Reply.json(status, representations.process(moved.process()))
                    .withHeader("Location", "/process/" + moved.process().processId())
                    .withHeader("ETag", Preconditions.etag(moved.process().version()))
                    .withHeader(Representations.MODE_HEADER, representations.mode(moved.process()))
                    .expiringAt(moved.process().expiresAt());
            case TokenOutcome.Replayed ignored -> Problems.tokenReplayed();
            case TokenOutcome.Rejected rejected -> Problems.rejection(rejected.rejection(), representations);
            case TokenOutcome.TooLarge tooLarge -> Problems.tokenTooLarge(tooLarge.size(), tooLarge.maxBytes());
            case TokenOutcome.Unusable ignored -> Problems.invalidToken();
        };
    }

    private Reply withToken(int status, ProcessInstance process, @Nullable String token) {
        ObjectNode body = Json.object();
        body.put("processToken", token);
        body.setAll(representations.process(process));
        return Reply.json(status, body)
                .withHeader("ETag", Preconditions.etag(process.version()))
                .withHeader(Representations.MODE_HEADER, "token")
                .withHeader("Cache-Control", "no-store");
    }
}
