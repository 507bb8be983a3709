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

    /**
     * The retained events after {@code afterVersion}; complete when the log still holds the event right
     * after it ({@code oldestRetained <= afterVersion + 1}) or the caller is already up to date.
     *
     * @param oldestRetained version of the oldest event kept, {@link Long#MAX_VALUE} when none is
     * @param currentVersion the process's current version
     */
    public static EventLog after(List<Event> events, long oldestRetained, long afterVersion, long currentVersion) {
        return new EventLog(events, oldestRetained <= afterVersion + 1 || afterVersion >= currentVersion);
    }
}
