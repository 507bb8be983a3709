package io.flowstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.flow.ScriptStep;
import java.util.UUID;

/**
 * One execution of a script step.
 *
 * @param flowId    the flow (used to cache compiled sources per flow and step)
 * @param step      the step to run
 * @param processId the process (exposed to nothing but logs)
 * @param state     a private copy of the state; the runner may hand it to the script
 * @param input     the last submitted input (the start input or the last form's)
 */
public record ScriptCall(String flowId, ScriptStep step, UUID processId, ObjectNode state, JsonNode input) {
}
