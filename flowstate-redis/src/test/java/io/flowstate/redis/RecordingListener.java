package io.flowstate.redis;

import static org.awaitility.Awaitility.await;

import io.flowstate.core.process.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A listener that keeps every event it receives, in order. */
final class RecordingListener implements Consumer<Event> {
    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void accept(Event event) {
        events.add(event);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Waits until at least {@code count} events arrived and returns them. */
    List<Event> awaitCount(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> events().size() >= count);
        return events();
    }
}
