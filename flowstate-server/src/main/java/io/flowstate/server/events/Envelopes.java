package io.flowstate.server.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.server.wire.Representations;
import java.util.List;

/** Renders stream items as the one envelope SSE and WebSocket share (docs/events.md). */
public final class Envelopes {

    private final Representations representations;

    public Envelopes(Representations representations) {
        this.representations = representations;
    }

    /** {@code {"type", "processId", "version", "at", "steps", "process"}}. */
    public ObjectNode envelope(FeedItem item) {
        return switch (item) {
            case FeedItem.Change change -> representations.event(change.event());
            case FeedItem.Snapshot snapshot -> snapshot(snapshot.process());
        };
    }

    public Representations representations() {
        return representations;
    }

    private ObjectNode snapshot(ProcessInstance process) {
        // Rendered like an event of the process's current version (so the fields are identical), then retyped.
        ObjectNode node = representations.event(Event.of(EventType.STATE_UPDATED, process, List.of()));
        node.put("type", FeedItem.SNAPSHOT);
        return node;
    }
}
