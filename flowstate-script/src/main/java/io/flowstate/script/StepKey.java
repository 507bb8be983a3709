package io.flowstate.script;

/** Identifies one compiled step script: the same step of the same flow with the same text. */
record StepKey(String flowId, String stepId, String script) {
}
