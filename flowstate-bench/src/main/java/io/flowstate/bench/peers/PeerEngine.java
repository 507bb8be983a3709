package io.flowstate.bench.peers;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One embedded peer engine with the sign-up flow ({@code peers/signup.bpmn}) deployed. Thread-safe: the load's
 * clients share one instance, as the threads of an application share its engine.
 */
public interface PeerEngine extends AutoCloseable {

    /** {@code flowable} or {@code camunda}. */
    String name();

    /**
     * One sign-up as a person does it through the task service: start the process, find its open task, complete
     * {@code profile} with the profile variables, find the next task, complete {@code address} with the address
     * variables. Answers the process instance id.
     *
     * @throws IllegalStateException if the open task is not the one the flow should be at
     */
    String runCycle();

    /** Whether the process instance has ended. */
    boolean ended(String processInstanceId);

    /** The variables the history kept for an instance (empty with history {@code none}). */
    Map<String, Object> historicVariables(String processInstanceId);

    @Override
    void close();

    /** Checks that the open task a person found is {@code expected}; answers its id. */
    static String expectTask(String processInstanceId, String expected, @Nullable String found, String taskId) {
        if (!expected.equals(found)) {
            throw new IllegalStateException(processInstanceId + ": expected task " + expected + ", found " + found);
        }
        return taskId;
    }
}
