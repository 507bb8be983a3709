package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.process.Problem;
import org.jspecify.annotations.Nullable;

/**
 * Where a run stopped (NFLOW.md §2.2): paused at a node (resume at {@code resumeNode}), completed, or failed.
 *
 * @param status     paused, completed or failed
 * @param pausedAt   the node that paused the run, when paused
 * @param resumeNode the node a continuation runs first, when paused
 * @param payload    the payload at the stop (without {@code break})
 * @param error      why it failed, when failed ({@code step} = node id)
 * @param trail      the node ids run, in order
 */
public record RunResult(Status status, @Nullable String pausedAt, @Nullable String resumeNode, ObjectNode payload,
                        @Nullable Problem error, java.util.List<String> trail) {

    /** How a run stopped. */
    public enum Status { PAUSED, COMPLETED, FAILED }
}
