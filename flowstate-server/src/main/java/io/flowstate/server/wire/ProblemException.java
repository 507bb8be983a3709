package io.flowstate.server.wire;

import io.flowstate.core.process.ProblemType;
import org.jspecify.annotations.Nullable;

/**
 * A request that cannot be served, detected while reading it (malformed id, wrong content type, body too
 * large, malformed JSON, bad precondition header). Thrown by request-reading helpers and rendered as
 * problem+json by {@link Problems}; never used for engine outcomes, which are values.
 */
public class ProblemException extends RuntimeException {
    private final ProblemType type;

    public ProblemException(ProblemType type, @Nullable String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
