package io.flowstate.server.nflow;

import io.flowstate.core.engine.Outcome;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.nflow.run.RunResult;
import io.flowstate.server.wire.Reply;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where an nFlow run's state lives between requests, given a request: the seam between the request handling
 * ({@link NflowRoutes}) and a mode. Process mode ({@link ProcessRunStore}) keeps each run as a process in the store;
 * a legacy session mode keeps one run per browser and flow behind a cookie and implements the same two methods.
 *
 * <p>Error contract: expected refusals are {@link Found.Refused} / {@link Outcome.Rejected} values; only
 * infrastructure failures throw.
 */
interface RunStore {

    /**
     * The paused run a continuation of {@code flow} names ({@code processId}, from the field or the flow's cookie),
     * if it belongs to {@code owner} (the logged-in user, or null): a run started by someone else is not found.
     */
    Found find(NflowFlow flow, @Nullable UUID processId, @Nullable String owner);

    /**
     * Commits what a run did: a fresh start that paused is created; a continuation is compare-and-set against the
     * version it was read at. A fresh start that ended is not stored ({@code Outcome.Accepted} with a null event).
     *
     * @param before the run continued, or null for a fresh start whose id is {@code wid}
     * @param owner  the logged-in user who starts the run (a fresh start's owner is kept), or null
     */
    Outcome save(NflowFlow flow, @Nullable StoredRun before, UUID wid, RunResult result, @Nullable String owner);

    /** What {@link #find} found. */
    sealed interface Found {
        /** A paused run. */
        record Paused(StoredRun run) implements Found {
        }

        /** No run to continue: the answer says why (409 {@code no_run}, 404, 409 {@code step_not_waiting}). */
        record Refused(Reply reply) implements Found {
        }
    }
}
