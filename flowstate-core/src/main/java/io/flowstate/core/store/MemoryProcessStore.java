package io.flowstate.core.store;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A store in this JVM's heap, for tests and embedding. State is lost when the JVM exits. All operations
 * take one lock, which makes every compare-and-set trivially atomic; events are published under that lock
 * too, so subscribers see them in commit order (listeners must return quickly).
 */
public final class MemoryProcessStore implements ProcessStore {

    private record Entry(ProcessInstance process, Deque<Event> events) {
    }

    private record Idempotency(String fingerprint, @Nullable StoredResponse response, Instant expiresAt) {
    }

    private final Clock clock;
    private final int eventLogCapacity;
    private final Map<UUID, Entry> processes = new HashMap<>();
    private final Map<String, Idempotency> idempotency = new HashMap<>();
    private final Map<String, String> settings = new HashMap<>();
    private final LocalEventBus bus = new LocalEventBus();

    /**
     * @param clock            source of "now" for expiry
     * @param eventLogCapacity events kept per process (older ones are dropped)
     */
    public MemoryProcessStore(Clock clock, int eventLogCapacity) {
        if (eventLogCapacity < 1) {
            throw new IllegalArgumentException("eventLogCapacity must be >= 1");
        }
        this.clock = clock;
        this.eventLogCapacity = eventLogCapacity;
    }

    public MemoryProcessStore(Clock clock) {
        this(clock, 1000);
    }

    @Override
    public synchronized boolean create(ProcessInstance process, Event event) {
        Entry existing = processes.get(process.processId());
        if (existing != null && !existing.process().isExpiredAt(clock.instant())) {
            return false;
        }
        if (existing != null) {
            // an expired process the sweeper has not reached yet: its id is free, its leftovers must go
            forget(process.processId());
        }
        Deque<Event> events = new ArrayDeque<>();
        events.addLast(event);
        processes.put(process.processId(), new Entry(process, events));
        bus.publish(event);
        return true;
    }

    @Override
    public synchronized Optional<ProcessInstance> get(UUID processId) {
        return Optional.ofNullable(live(processId)).map(Entry::process);
    }

    @Override
    public synchronized CasResult compareAndSet(long expectedVersion, ProcessInstance next, Event event) {
        Entry entry = live(next.processId());
        if (entry == null) {
            return new CasResult.NotFound();
        }
        if (entry.process().version() != expectedVersion) {
            return new CasResult.Conflict(entry.process());
        }
        Deque<Event> events = entry.events();
        events.addLast(event);
        while (events.size() > eventLogCapacity) {
            events.removeFirst();
        }
        processes.put(next.processId(), new Entry(next, events));
        refreshAnsweredIdempotency(next);
        bus.publish(event);
        return new CasResult.Committed(next);
    }

    @Override
    public synchronized CasResult delete(UUID processId, long expectedVersion, Event event) {
        Entry entry = live(processId);
        if (entry == null) {
            return new CasResult.NotFound();
        }
        if (expectedVersion != ANY_VERSION && entry.process().version() != expectedVersion) {
            return new CasResult.Conflict(entry.process());
        }
        forget(processId);
        bus.publish(event);
        return new CasResult.Committed(entry.process());
    }

    @Override
    public synchronized EventLog eventsSince(UUID processId, long afterVersion) {
        Entry entry = live(processId);
        if (entry == null) {
            return new EventLog(List.of(), false);
        }
        List<Event> after = entry.events().stream().filter(e -> e.version() > afterVersion).toList();
        long oldestRetained = entry.events().isEmpty() ? Long.MAX_VALUE : entry.events().peekFirst().version();
        return EventLog.after(after, oldestRetained, afterVersion, entry.process().version());
    }

    @Override
    public synchronized IdempotencyClaim claimIdempotency(String scope, String key, String fingerprint,
                                                          Instant expiresAt) {
        String id = scope + '\n' + key;
        Idempotency existing = idempotency.get(id);
        if (existing != null && existing.expiresAt().isAfter(clock.instant())) {
            if (existing.response() == null) {
                return new IdempotencyClaim.InFlight();
            }
            return new IdempotencyClaim.Completed(existing.response(), existing.fingerprint().equals(fingerprint));
        }
        idempotency.put(id, new Idempotency(fingerprint, null, expiresAt));
        return new IdempotencyClaim.Claimed();
    }

    @Override
    public synchronized boolean renewIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        String id = scope + '\n' + key;
        Idempotency claim = idempotency.get(id);
        if (claim == null || claim.response() != null || !claim.fingerprint().equals(fingerprint)
                || !claim.expiresAt().isAfter(clock.instant())) {
            return false;
        }
        idempotency.put(id, new Idempotency(fingerprint, null, expiresAt));
        return true;
    }

    @Override
    public synchronized void completeIdempotency(String scope, String key, StoredResponse response,
                                                 Instant expiresAt) {
        String id = scope + '\n' + key;
        Idempotency claim = idempotency.get(id);
        if (claim != null) {
            idempotency.put(id, new Idempotency(claim.fingerprint(), response, expiresAt));
        }
    }

    @Override
    public synchronized void releaseIdempotency(String scope, String key) {
        idempotency.remove(scope + '\n' + key);
    }

    @Override
    public synchronized Swept sweepExpired(int limit) {
        Instant now = clock.instant();
        List<ProcessInstance> expired = new ArrayList<>();
        int removed = 0;
        for (Entry entry : List.copyOf(processes.values())) {
            if (removed >= limit) {
                break;
            }
            if (entry.process().isExpiredAt(now)) {
                forget(entry.process().processId());
                removed++;
                if (!entry.process().status().isTerminal()) {
                    expired.add(entry.process());
                }
            }
        }
        idempotency.values().removeIf(i -> !i.expiresAt().isAfter(now));
        return new Swept(removed, expired);
    }

    @Override
    public synchronized ProcessPage list(ProcessQuery query) {
        Instant now = clock.instant();
        List<ProcessInstance> page = processes.values().stream()
                .map(Entry::process)
                .filter(p -> !p.isExpiredAt(now) && query.matches(p))
                .sorted(Comparator.comparing(ListingCursor::of).reversed())
                .limit(query.limit())
                .toList();
        return ProcessPage.of(page, query.limit(), page.isEmpty() ? null : ListingCursor.of(page.getLast()));
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        return bus.subscribe(listener);
    }

    @Override
    public void publish(Event event) {
        bus.publish(event);
    }

    @Override
    public synchronized Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    @Override
    public synchronized void putSetting(String name, @Nullable String value) {
        if (value == null) {
            settings.remove(name);
        } else {
            settings.put(name, value);
        }
    }

    @Override
    public synchronized String putSettingIfAbsent(String name, String value) {
        return settings.computeIfAbsent(name, n -> value);
    }

    @Override
    public void ping() {
        // always reachable
    }

    @Override
    public synchronized void close() {
        processes.clear();
        idempotency.clear();
        settings.clear();
    }

    /** Number of processes and idempotency records held, expired or not (for invariant tests). */
    public synchronized int size() {
        return processes.size() + idempotency.size();
    }

    private @Nullable Entry live(UUID processId) {
        Entry entry = processes.get(processId);
        return entry == null || entry.process().isExpiredAt(clock.instant()) ? null : entry;
    }

    /** Answered records of a process live as long as it does; in-flight claims keep their short lease. */
    private void refreshAnsweredIdempotency(ProcessInstance process) {
        String prefix = process.processId() + "\n";
        idempotency.replaceAll((id, record) -> id.startsWith(prefix) && record.response() != null
                ? new Idempotency(record.fingerprint(), record.response(), process.expiresAt()) : record);
    }

    private void forget(UUID processId) {
        processes.remove(processId);
        String prefix = processId + "\n";
        idempotency.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
