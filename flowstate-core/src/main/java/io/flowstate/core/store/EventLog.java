package io.flowstate.core.store;

import io.flowstate.core.process.Event;
import java.util.List;

/**
 * Retained events of one process after a given version, oldest first.
 *
 * @param events   the events with {@code version > afterVersion}, in version order, without gaps
 * @param complete false when the capped log no longer reaches back to {@code afterVersion + 1}: the
 *                 caller should send a snapshot instead of replaying
 */
public record EventLog(List<Event> events, boolean complete) {
    public EventLog {
        events = List.copyOf(events);
    }
}
