package io.flowstate.core.process;

import java.util.Locale;

/** The catalogue of committed changes; the wire name is the SSE {@code event:} and the envelope's {@code type}. */
public enum EventType {
    PROCESS_STARTED("process.started"),
    STEP_COMPLETED("step.completed"),
    PROCESS_WAITING("process.waiting"),
    STATE_UPDATED("state.updated"),
    PROCESS_COMPLETED("process.completed"),
    PROCESS_FAILED("process.failed"),
    PROCESS_CANCELLED("process.cancelled"),
    PROCESS_EXPIRED("process.expired");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** True for the events after which a process never changes again (streams close after them). */
    public boolean isTerminal() {
        return this == PROCESS_COMPLETED || this == PROCESS_FAILED || this == PROCESS_CANCELLED
                || this == PROCESS_EXPIRED;
    }

    public static EventType fromWire(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type: " + name.toLowerCase(Locale.ROOT));
    }
}
