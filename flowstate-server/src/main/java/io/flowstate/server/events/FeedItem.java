package io.flowstate.server.events;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;

/** One message of a process's stream: the whole process (a snapshot) or one committed change. */
public sealed interface FeedItem {

    /** The envelope {@code type} of a snapshot; not an {@link io.flowstate.core.process.EventType}: nothing was committed. */
    String SNAPSHOT = "process.snapshot";

    /** The process version this item brings the client to; the SSE {@code id:}. */
    long version();

    /** The envelope {@code type} and SSE {@code event:} name. */
    String type();

    /** True when nothing can follow: the stream closes after this item. */
    boolean terminal();

    /** The process as it is now, sent first on connect and when the log cannot replay what the client missed. */
    record Snapshot(ProcessInstance process) implements FeedItem {
        @Override
        public long version() {
            return process.version();
        }

        @Override
        public String type() {
            return SNAPSHOT;
        }

        @Override
        public boolean terminal() {
            return process.status().isTerminal();
        }
    }

    /**
     * A committed change, live or replayed from the event log.
     *
     * @param rendering shared by every stream that sends this change live (the hub hands the same one to all)
     */
    record Change(Event event, Rendering rendering) implements FeedItem {

        /** A change rendered for one stream only (a replay, a gap filled from the log). */
        public Change(Event event) {
            this(event, new Rendering());
        }

        @Override
        public long version() {
            return event.version();
        }

        @Override
        public String type() {
            return event.type().wireName();
        }

        @Override
        public boolean terminal() {
            return event.type().isTerminal();
        }
    }
}
