package io.flowstate.testkit;

import static org.assertj.core.api.Assertions.fail;

import io.flowstate.core.process.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Consumer;

/** Keeps every event it receives, in order, so a test can wait for deliveries without sleeping. */
final class RecordingListener implements Consumer<Event> {

    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    private final BlockingQueue<Event> received = new LinkedBlockingQueue<>();

    @Override
    public void accept(Event event) {
        received.add(event);
    }

    /** The next {@code count} events, waiting for each up to {@link #DELIVERY_TIMEOUT}. */
    List<Event> next(int count) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Event event = received.poll(DELIVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                fail("expected " + count + " events within " + DELIVERY_TIMEOUT + " each, received " + events);
            }
            events.add(event);
        }
        return events;
    }

    /**
     * The next {@code count} events of the processes {@code of} accepts, skipping any other process's: on a shared
     * Redis Cluster an earlier test's last events may still be on their way to a new subscription.
     */
    List<Event> next(int count, Predicate<Event> of) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos() * count;
        while (events.size() < count) {
            Event event = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                fail("expected " + count + " events within " + DELIVERY_TIMEOUT + " each, received " + events);
            }
            if (of.test(event)) {
                events.add(event);
            }
        }
        return events;
    }

    /** Events received and not yet taken by {@link #next}. */
    List<Event> pending() {
        return List.copyOf(received);
    }
}
