package io.flowstate.server.token;

import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.Rejection;
import io.flowstate.core.process.ProcessInstance;
import java.time.Instant;

/**
 * What a token-mode start or continuation came to, before it is rendered ({@link TokenReplies}). The replay guard
 * spends a token exactly on the outcomes that {@link #committed()} a step.
 */
sealed interface TokenOutcome {

    /** Whether the step took effect, so the token that carried it is spent. */
    default boolean committed() {
        return false;
    }

    /** The process goes on: {@code token} carries it, valid until {@code expiresAt}. */
    record Issued(ProcessInstance process, String token, Instant expiresAt) implements TokenOutcome {
        @Override
        public boolean committed() {
            return true;
        }
    }

    /** The process ended (completed or failed): there is nothing left to continue, so no token. */
    record Ended(ProcessInstance process) implements TokenOutcome {
        @Override
        public boolean committed() {
            return true;
        }
    }

    /** {@code token.overflow = process}: the token would have been too large, so the process now lives in the store. */
    record MovedToStore(ProcessInstance process) implements TokenOutcome {
        @Override
        public boolean committed() {
            return true;
        }
    }

    /** The token was used before (or is in use right now); nothing ran. */
    record Replayed() implements TokenOutcome {
    }

    /** The engine refused the step (wrong step, invalid input, state too large); the token stays usable. */
    record Rejected(Rejection rejection) implements TokenOutcome {
        static Rejected of(Outcome.Rejected rejected) {
            return new Rejected(rejected.rejection());
        }
    }

    /** The next token would exceed {@code token.maxBytes} and overflow is off; nothing changed. */
    record TooLarge(int size, int maxBytes) implements TokenOutcome {
    }

    /** The token is genuine but cannot be continued (its flow is no longer loaded). */
    record Unusable() implements TokenOutcome {
    }
}
