package io.flowstate.core.engine;

import io.flowstate.core.process.ProblemType;

/** Why a command was refused. Each maps into the {@link ProblemType} catalogue, which gives its code and status. */
public enum RejectionType {
    FLOW_NOT_FOUND(ProblemType.FLOW_NOT_FOUND),
    PROCESS_NOT_FOUND(ProblemType.PROCESS_NOT_FOUND),
    STEP_NOT_WAITING(ProblemType.STEP_NOT_WAITING),
    WRONG_STEP(ProblemType.WRONG_STEP),
    VERSION_MISMATCH(ProblemType.VERSION_MISMATCH),
    INVALID_INPUT(ProblemType.INVALID_INPUT),
    PROCESS_ENDED(ProblemType.PROCESS_ENDED),
    STATE_TOO_LARGE(ProblemType.STATE_TOO_LARGE),
    AUTHENTICATION_REQUIRED(ProblemType.AUTHENTICATION_REQUIRED);

    private final ProblemType problem;

    RejectionType(ProblemType problem) {
        this.problem = problem;
    }

    /** The catalogue entry this rejection is answered with. */
    public ProblemType problem() {
        return problem;
    }

    public String code() {
        return problem.code();
    }
}
