package io.flowstate.server.nflow;

import io.flowstate.core.engine.Outcome;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.nflow.run.RunResult;
import io.flowstate.server.wire.Reply;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where an nFlow run's state lives between requests, given a request: the seam between the request handling
 * ({@link NflowRoutes}, {@link NflowStepRoute}) and a mode. Process mode ({@link ProcessRunStore}) keeps each run as
 * a process in the store, named by {@code nflow_process_id} or the flow's cookie; session mode ({@link SessionRunStore})
 * keeps one run per browser and flow behind the session cookie.
 *
 * <p>Error contract: expected refusals are {@link Found.Refused} / {@link Outcome.Rejected} values; only
 * infrastructure failures throw.
 */
interface RunStore {

    /**
     * The paused run a continuation names, if it belongs to the request's owner (a run started by another logged-in
     * user is not found).
     */
    Found find(RunRequest request);

    /**
     * The paused run a continuation names, from the copy of its process this instance holds at hand, or null (no such
     * copy, or one that would be refused: refusals are decided by {@link #find}). The copy may be stale: a run
     * computed from it counts only if {@link #save} commits it.
     */
    default @Nullable StoredRun recent(RunRequest request) {
        return null;
    }

    /** As {@link #find}, given the stored process a lost compare-and-set answered with, instead of a read. */
    default Found find(RunRequest request, ProcessInstance stored) {
        return find(request);
    }

    /**
     * Commits what a run did: a fresh start that paused is created; a continuation is compare-and-set against the
     * version it was read at. A fresh start that ended is not stored ({@code Outcome.Accepted} with a null event).
     *
     * @param before the run continued, or null for a fresh start whose id is {@code wid}
     */
    Outcome save(RunRequest request, @Nullable StoredRun before, UUID wid, RunResult result);

    /**
     * Called before a fresh start runs. A mode that keeps one run per browser and flow drops the browser's run here:
     * a fresh start replaces it, whether or not the new run pauses.
     */
    default void replace(RunRequest request) {
    }

    /** {@code Set-Cookie} values that keep the browser on its run after a saved {@code result}. */
    List<String> cookies(RunRequest request, @Nullable StoredRun before, UUID wid, RunResult result);

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
