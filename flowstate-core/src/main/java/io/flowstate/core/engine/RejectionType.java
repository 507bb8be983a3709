package io.flowstate.core.engine;

/** Why a command was refused. Each has a stable wire {@code code}; the server maps types to HTTP statuses. */
public enum RejectionType {
    FLOW_NOT_FOUND("flow_not_found"),
    PROCESS_NOT_FOUND("process_not_found"),
    STEP_NOT_WAITING("step_not_waiting"),
    WRONG_STEP("wrong_step"),
    VERSION_MISMATCH("version_mismatch"),
    INVALID_INPUT("invalid_input"),
    PROCESS_ENDED("process_ended"),
    STATE_TOO_LARGE("state_too_large");

    private final String code;

    RejectionType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
