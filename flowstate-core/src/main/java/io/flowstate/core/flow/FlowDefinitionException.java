package io.flowstate.core.flow;

/** A flow file that cannot be loaded; the message names the field and the reason. */
final class FlowDefinitionException extends RuntimeException {
    FlowDefinitionException(String message) {
        super(message);
    }

    FlowDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
