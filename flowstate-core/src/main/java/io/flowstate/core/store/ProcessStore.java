package io.flowstate.core.store;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where processes live between requests. Every implementation passes the contract suite in
 * {@code flowstate-testkit} ({@code ProcessStoreContract}).
 *
 * <p>Error model: expected outcomes (an existing id, a stale version, an unknown process) are return
 * values. Every method throws {@link StoreUnavailableException} when the backing store cannot be reached
 * or does not answer within its timeout, and nothing else for infrastructure failures.
 *
 * <p>Time: a store reads "now" from the {@link java.time.Clock} it was built with; a process whose
 * {@link ProcessInstance#expiresAt()} is not after now is treated as absent by every read, whether or not
 * the sweeper has removed it yet.
 */
public interface ProcessStore extends AutoCloseable {

    /**
     * Stores a new process and its first event, unless a process with that id exists.
     *
     * @return true when stored, false when the id is taken (nothing changed)
     */
    boolean create(ProcessInstance process, Event event);

    /** The live process with that id, or empty when it does not exist or has expired. */
    Optional<ProcessInstance> get(UUID processId);

    /**
     * A copy of the process that this store holds at hand for a process whose {@link #get} asks the backing store, or
     * empty (the default: a store that holds nothing at hand, or whose {@code get} answers from that same copy). The
     * copy may be older than the stored process, never newer, so it is only a guess to compute a change from: a
     * {@link #compareAndSet} against its version proves it current, and a caller decides anything else (a refusal, a
     * lost compare-and-set) again on what {@code get} returns.
     */
    default Optional<ProcessInstance> recent(UUID processId) {
        return Optional.empty();
    }

    /**
     * Atomically replaces the process if its stored version equals {@code expectedVersion}: stores
     * {@code next} (whose version must be {@code expectedVersion + 1}), appends {@code event} to the
     * process's event log, refreshes the expiry of everything kept for the process to
     * {@code next.expiresAt()}, and publishes the event to subscribers after the commit. {@code next} keeps the
     * flow and the owner of the stored process: they never change, and stores may index them for {@link #list}.
     */
    CasResult compareAndSet(long expectedVersion, ProcessInstance next, Event event);

    /**
     * Removes the process, its event log and its idempotency records if its stored version equals
     * {@code expectedVersion} (or unconditionally when it is {@link #ANY_VERSION}), then publishes
     * {@code event} (a {@code process.cancelled} event) to subscribers.
     *
     * @return Committed with the removed process, Conflict, or NotFound
     */
    CasResult delete(UUID processId, long expectedVersion, Event event);

    /** Expected version that matches whatever is stored. */
    long ANY_VERSION = -1;

    /** Retained events with a version greater than {@code afterVersion}, oldest first. */
    EventLog eventsSince(UUID processId, long afterVersion);

    /**
     * Claims an idempotency key in {@code scope} (a process id or {@code flow:<id>} for starts). A new claim
     * is held until {@link #completeIdempotency} or {@link #releaseIdempotency}, or until {@code expiresAt}:
     * a short lease that its holder extends with {@link #renewIdempotency} while the request runs.
     *
     * @param fingerprint a digest of the request (method, path and body) to tell a retry from a reuse
     */
    IdempotencyClaim claimIdempotency(String scope, String key, String fingerprint, Instant expiresAt);

    /**
     * Moves the expiry of a claim in flight to {@code expiresAt}, if the key is still claimed, unanswered, with
     * this {@code fingerprint}, and the claim has not lapsed. A claim that lapsed stays lapsed (a retry may have
     * taken the key since), so a holder that stops renewing, because its instance died, blocks retries for at
     * most one lease. A retry of the same request that took over a lapsed claim has the same fingerprint; its
     * claim may then be renewed by the first holder too, which delays nothing but that one retry.
     *
     * @return true if the claim was extended; false if the key was released, answered, lapsed or never claimed
     * @throws StoreUnavailableException if the store cannot be reached; the claim then lapses at its expiry
     */
    boolean renewIdempotency(String scope, String key, String fingerprint, Instant expiresAt);

    /** Records the response of a claimed key so retries replay it; kept until {@code expiresAt}. */
    void completeIdempotency(String scope, String key, StoredResponse response, Instant expiresAt);

    /** Frees a claimed key whose request did not produce a response worth replaying. */
    void releaseIdempotency(String scope, String key);

    /**
     * Removes up to {@code limit} processes whose expiry has passed, with everything kept for them.
     * Each removed process is claimed by exactly one caller, even when several instances sweep at once.
     *
     * @return how many processes it removed, and those of them that had not ended (they expired; callers emit
     *         {@code process.expired}); ended processes past their retention are removed silently
     */
    Swept sweepExpired(int limit);

    /**
     * One page of the live processes that match {@code query}, newest first by the key
     * {@code (updatedAt in milliseconds, processId as text)} ({@link ListingCursor}), each as it was when read.
     *
     * <p>Consistency while processes change (keyset pagination, docs/decisions/0006-listing-consistency.md): every
     * page holds only keys strictly below the previous page's {@link ProcessPage#next()}, and a change only ever
     * raises a process's key. Hence, when a listing is paged to its end,
     * <ul>
     *   <li>a process that matched the filters and was not changed, created or removed between the first page and
     *       the last is returned exactly once;</li>
     *   <li>no process is ever returned twice; one changed during paging is returned at most once (in its state
     *       before or after the change), and one created during paging is not returned.</li>
     * </ul>
     * An expired process is never returned, swept or not.
     */
    ProcessPage list(ProcessQuery query);

    /**
     * Receives every event committed after this call, by any instance sharing the store, once each.
     * Listeners must return quickly and must not write to the store: they run on the store's delivery thread, which
     * may be the thread that committed the event, still holding what orders the store's commits.
     */
    Subscription subscribe(Consumer<Event> listener);

    /** Publishes an event that was not produced by a commit (for example {@code process.expired}). */
    void publish(Event event);

    /**
     * A named setting shared by every instance on this store (the migration switch, the key that signs session
     * cookies), or empty when it has none. Settings are small texts; they survive restarts where processes do and
     * are never swept.
     */
    Optional<String> setting(String name);

    /** Sets a shared setting, or removes it when {@code value} is null; the last write wins. */
    void putSetting(String name, @Nullable String value);

    /**
     * Sets a shared setting unless it has a value, atomically across instances.
     *
     * @return the value the setting holds afterwards: {@code value}, or the one another caller set first
     */
    String putSettingIfAbsent(String name, String value);

    /** Returns normally when the store answers; throws {@link StoreUnavailableException} otherwise. */
    void ping();

    /** Releases connections and threads. */
    @Override
    void close();
}
