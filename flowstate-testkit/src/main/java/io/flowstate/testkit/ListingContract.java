package io.flowstate.testkit;

import static io.flowstate.testkit.ProcessFixtures.TTL;
import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.ListingCursor;
import io.flowstate.core.store.ProcessPage;
import io.flowstate.core.store.ProcessQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@code list}: filters, newest-first keyset paging, and what paging promises while processes change. */
interface ListingContract extends StoreUnderTest {

    @Test
    default void pagesNewestFirstByUpdateTimeThenIdWithoutDuplicateOrGap() {
        List<ProcessInstance> created = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            if (i % 4 != 0) {
                clock().advance(Duration.ofMillis(1)); // every fourth shares the millisecond of the one before
            }
            created.add(create("signup", "profile", null));
        }
        List<String> expected = created.stream().sorted(Comparator.comparing(ListingCursor::of).reversed())
                .map(p -> p.processId().toString()).toList();

        List<String> listed = pageThrough(ProcessQuery.all(5)).stream().map(p -> p.processId().toString()).toList();

        assertThat(listed).containsExactlyElementsOf(expected);
    }

    @Test
    default void filtersByFlowStatusWaitingStepOwnerAndUpdateTime() {
        ProcessInstance aliceProfile = create("signup", "profile", "alice");
        clock().advance(Duration.ofSeconds(1));
        Instant between = clock().instant();
        ProcessInstance bobAddress = create("signup", "address", "bob");
        ProcessInstance anonymousLoan = create("loan", "address", null);
        ProcessInstance done = complete(create("loan", "review", "alice"));

        assertThat(ids(query("signup", null, null, null, null))).containsExactlyInAnyOrder(
                aliceProfile.processId(), bobAddress.processId());
        assertThat(ids(query(null, ProcessStatus.COMPLETED, null, null, null))).containsExactly(done.processId());
        assertThat(ids(query(null, null, "address", null, null))).containsExactlyInAnyOrder(
                bobAddress.processId(), anonymousLoan.processId());
        assertThat(ids(query(null, null, "review", null, null))).isEmpty(); // it completed: no longer waiting
        assertThat(ids(query(null, null, null, "alice", null))).containsExactlyInAnyOrder(
                aliceProfile.processId(), done.processId());
        assertThat(ids(query("loan", null, "address", null, null))).containsExactly(anonymousLoan.processId());
        assertThat(ids(query(null, null, null, null, between))).containsExactly(aliceProfile.processId());
        assertThat(ids(query("nothing", null, null, null, null))).isEmpty();
    }

    @Test
    default void listedProcessesAreTheStoredRecordsWithTheirOwner() {
        ProcessInstance owned = create("signup", "profile", "carol");

        ProcessPage page = store().list(ProcessQuery.all(10));

        assertThat(page.processes()).containsExactly(owned);
        assertThat(page.processes().getFirst().owner()).isEqualTo("carol");
        assertThat(page.next()).isNull();
    }

    @Test
    default void expiredAndDeletedProcessesAreNotListed() {
        ProcessInstance shortLived = ProcessFixtures.started(clock(), Duration.ofSeconds(5));
        store().create(shortLived, startedEvent(shortLived));
        ProcessInstance deleted = create("signup", "profile", null);
        store().delete(deleted.processId(), 1, ProcessFixtures.endedEvent(ProcessFixtures.cancelled(deleted,
                clock())));
        clock().advance(Duration.ofSeconds(6));
        ProcessInstance live = create("signup", "profile", null);

        assertThat(ids(ProcessQuery.all(10))).containsExactly(live.processId());
    }

    @Test
    default void aChangedProcessMovesToTheFrontAndIsNotListedAgainOnLaterPages() {
        List<ProcessInstance> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clock().advance(Duration.ofMillis(1));
            created.add(create("signup", "profile", null));
        }
        ProcessPage first = store().list(ProcessQuery.all(3));
        ListingCursor after = java.util.Objects.requireNonNull(first.next(), "a full page has a cursor");
        ProcessInstance seen = first.processes().getFirst();
        ProcessInstance unseen = created.getFirst(); // the oldest, on the second page until it changes
        clock().advance(Duration.ofMillis(1));
        commitNext(seen);
        commitNext(unseen);

        List<UUID> rest = ids(ProcessQuery.all(3).after(after));
        List<UUID> fresh = store().list(ProcessQuery.all(2)).processes().stream().map(ProcessInstance::processId)
                .toList();

        assertThat(rest).doesNotContain(seen.processId(), unseen.processId()).hasSize(2);
        assertThat(fresh).containsExactlyInAnyOrder(seen.processId(), unseen.processId());
    }

    @Test
    default void pagingOneThousandProcessesWhileStepsRunReturnsEachUntouchedProcessOnceAndNoneTwice()
            throws Exception {
        String[] flows = {"signup", "loan", "approval"};
        List<ProcessInstance> created = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            if (i % 3 == 0) {
                clock().advance(Duration.ofMillis(1));
            }
            created.add(create(flows[i % 3], i % 5 == 0 ? "address" : "profile", null));
        }
        Set<UUID> waitingAtAddress = new HashSet<>();
        created.stream().filter(p -> "address".equals(p.currentStep())).forEach(p -> waitingAtAddress.add(p.processId()));
        assertThat(Set.copyOf(pageThroughIds(new ProcessQuery(null, null, "address", null, null, 37, null))))
                .isEqualTo(waitingAtAddress);

        Set<UUID> touched = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicBoolean paging = new AtomicBoolean(true);
        List<List<UUID>> results = Concurrently.run(3, thread -> {
            if (thread == 0) {
                try {
                    return pageThroughIds(ProcessQuery.all(50));
                } finally {
                    paging.set(false);
                }
            }
            for (int i = thread; paging.get() && i < created.size(); i += 7) {
                ProcessInstance target = created.get(created.size() - 1 - i);
                touched.add(target.processId()); // before the write: a listing may see it from now on
                clock().advance(Duration.ofMillis(1));
                commitNext(store().get(target.processId()).orElseThrow());
            }
            return List.of();
        });

        assertThat(touched).as("steps ran while the listing paged").isNotEmpty();
        List<UUID> listed = results.getFirst();
        assertThat(listed).doesNotHaveDuplicates();
        Set<UUID> all = new HashSet<>();
        created.forEach(p -> all.add(p.processId()));
        assertThat(all).containsAll(listed);
        Set<UUID> untouched = new HashSet<>(all);
        untouched.removeAll(touched);
        assertThat(listed).containsAll(untouched);
    }

    private ProcessInstance create(String flow, String step, @Nullable String owner) {
        Instant now = clock().instant();
        ProcessInstance process = new ProcessInstance(UUID.randomUUID(), flow, "sha256:fixture",
                ProcessStatus.WAITING, 1, step, Json.object(), null, null, now, now, now.plus(TTL), owner);
        assertThat(store().create(process, startedEvent(process))).isTrue();
        return process;
    }

    private ProcessInstance complete(ProcessInstance current) {
        ProcessInstance next = ProcessFixtures.ended(current, clock(), ProcessStatus.COMPLETED, TTL);
        assertThat(store().compareAndSet(current.version(), next, ProcessFixtures.endedEvent(next)))
                .isInstanceOf(CasResult.Committed.class);
        return next;
    }

    private void commitNext(ProcessInstance current) {
        ProcessInstance next = advanced(current, clock());
        assertThat(store().compareAndSet(current.version(), next, updatedEvent(next)))
                .isInstanceOf(CasResult.Committed.class);
    }

    private List<UUID> ids(ProcessQuery query) {
        return pageThroughIds(query);
    }

    private List<UUID> pageThroughIds(ProcessQuery query) {
        return pageThrough(query).stream().map(ProcessInstance::processId).toList();
    }

    private List<ProcessInstance> pageThrough(ProcessQuery first) {
        List<ProcessInstance> all = new ArrayList<>();
        ProcessQuery query = first;
        for (int pages = 0; pages < 10_000; pages++) {
            ProcessPage page = store().list(query);
            assertThat(page.processes()).hasSizeLessThanOrEqualTo(query.limit());
            all.addAll(page.processes());
            if (page.next() == null) {
                return all;
            }
            query = query.after(page.next());
        }
        throw new AssertionError("the listing did not end");
    }

    private static ProcessQuery query(@Nullable String flow, @Nullable ProcessStatus status,
                                      @Nullable String waitingFor, @Nullable String owner,
                                      @Nullable Instant updatedBefore) {
        return new ProcessQuery(flow, status, waitingFor, owner, updatedBefore, 2, null);
    }
}
