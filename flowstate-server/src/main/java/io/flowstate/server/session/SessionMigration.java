package io.flowstate.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.server.http.ClaimLeases;
import io.flowstate.server.wire.Preconditions;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code migrate} action: moves a session run to a new process (same state, waiting step, version and expiry)
 * and records the answer as the action's idempotency record (scope {@value #SCOPE}, key = the run's id), so that a
 * repeated {@code migrate} answers the same process and a later request of the session that finds no run learns
 * where it went (409 {@code session_migrated}; after a new run of the flow in the same session has ended, such a
 * request is pointed at the last migrated run). Runs under the session's lock: a step of the same session is applied before the
 * move or finds the run moved, never lost in between.
 */
final class SessionMigration {

    static final String SCOPE = "session-migrate";
    private static final String FINGERPRINT = "migrate";

    private final ProcessEngine engine;
    private final Representations representations;
    private final ClaimLeases leases;

    SessionMigration(ProcessEngine engine, Representations representations, ClaimLeases leases) {
        this.engine = engine;
        this.representations = representations;
        this.leases = leases;
    }

    /**
     * Moves the run when there is one (a record of an earlier move of the same run id is replaced); without a run,
     * answers the recorded move again, or 404.
     */
    Reply migrate(UUID run, String flowId) {
        if (engine.get(run) instanceof Outcome.Rejected) {
            return recorded(run).orElseGet(() -> Problems.of(ProblemType.PROCESS_NOT_FOUND, "This session has no"
                    + " live run of flow '" + flowId + "' to migrate").withHeader(Representations.MODE_HEADER, "session"));
        }
        engine.releaseIdempotency(SCOPE, run.toString());
        engine.claimIdempotency(SCOPE, run.toString(), FINGERPRINT, leases.expiry());
        UUID process = UUID.randomUUID();
        Outcome moved;
        try (ClaimLeases.Lease ignored = leases.hold(SCOPE, run.toString(), FINGERPRINT)) {
            moved = engine.move(run, process);
        }
        if (!(moved instanceof Outcome.Accepted accepted)) {
            engine.releaseIdempotency(SCOPE, run.toString());
            return Problems.of(ProblemType.PROCESS_NOT_FOUND, "The run of flow '" + flowId + "' ended while it was"
                    + " being migrated").withHeader(Representations.MODE_HEADER, "session");
        }
        Reply reply = Reply.json(201, representations.process(accepted.process()))
                .withHeader("Location", "/process/" + process)
                .withHeader("ETag", Preconditions.etag(accepted.process().version()))
                .withHeader(Representations.MODE_HEADER, representations.mode(accepted.process()));
        engine.completeIdempotency(SCOPE, run.toString(), reply.toStored(), accepted.process().expiresAt());
        return reply;
    }

    /** The recorded answer of the last move of this run id. */
    private Optional<Reply> recorded(UUID run) {
        IdempotencyClaim claim = engine.claimIdempotency(SCOPE, run.toString(), FINGERPRINT, leases.expiry());
        if (claim instanceof IdempotencyClaim.Completed done) {
            return Optional.of(Reply.fromStored(done.response()));
        }
        if (claim instanceof IdempotencyClaim.Claimed) {
            engine.releaseIdempotency(SCOPE, run.toString());
        }
        return Optional.empty();
    }

    /** 409 {@code session_migrated} naming the process the run became, when it was migrated. */
    Optional<Reply> movedTo(UUID run) {
        Optional<Reply> recorded = recorded(run);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        String processId = processId(recorded.get().body());
        ObjectNode body = Problems.problem(ProblemType.SESSION_MIGRATED, "This run was moved to process "
                + processId + "; continue it there");
        body.put("processId", processId);
        return Optional.of(Problems.of(ProblemType.SESSION_MIGRATED, body)
                .withHeader("Location", "/process/" + processId)
                .withHeader(Representations.MODE_HEADER, "session"));
    }

    private static String processId(byte[] representation) {
        try {
            JsonNode node = Json.mapper().readTree(representation);
            return node.path("processId").asText();
        } catch (IOException e) {
            throw new IllegalStateException("the recorded answer of a migrate is not JSON", e);
        }
    }
}
