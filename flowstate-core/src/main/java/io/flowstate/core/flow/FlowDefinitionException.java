package io.flowstate.core.flow;

/** A flow file that cannot be loaded; the message names the field and the reason. */
public class FlowDefinitionException extends RuntimeException {
    public FlowDefinitionException(String message) {
        super(message);
    }

    public FlowDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
