package io.flowstate.redis;

import io.flowstate.core.limit.RateLimiter;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.EventLog;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.ProcessPage;
import io.flowstate.core.store.ProcessQuery;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoredResponse;
import io.flowstate.core.store.Subscription;
import io.flowstate.core.store.Swept;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ProcessStore} on Redis (standalone, Sentinel or Cluster) through Lettuce. Every change of a
 * process is one Lua script that checks the version, writes the record, appends the event to the
 * process's capped stream, publishes it, and refreshes the TTL of every key of the process; a read is one
 * {@code HMGET}. A step therefore costs two round trips. The key layout, the scripts' contracts and the
 * durability each Redis setting gives are in docs/redis.md.
 *
 * <p>Time comes from the injected {@link Clock}: scripts get "now" as an argument and treat a process
 * whose expiry is not after it as absent, so tests can move time without waiting. Redis's own key TTL is
 * only a backstop, set to the expiry plus {@link RedisStoreOptions#expiryGrace()}.
 *
 * <p>Errors: every method throws {@link io.flowstate.core.store.StoreUnavailableException} when Redis
 * does not answer within {@link RedisStoreOptions#commandTimeout()} (or at once while disconnected); the
 * client reconnects by itself. Thread-safe.
 */
public final class RedisProcessStore implements ProcessStore {

    private static final LuaScript CREATE = LuaScript.load("create");
    private static final LuaScript COMPARE_AND_SET = LuaScript.load("compare-and-set");
    private static final LuaScript DELETE = LuaScript.load("delete");
    private static final LuaScript PUBLISH = LuaScript.load("publish");
    private static final byte[] VERSION = RedisKeys.bytes("v");
    private static final byte[] EXPIRES = RedisKeys.bytes("x");
    private static final byte[] DATA = RedisKeys.bytes("d");

    private final RedisStoreOptions options;
    private final RedisConnections connections;
    private final RedisStoreContext context;
    private final RedisIdempotency idempotency;
    private final RedisSettings settings;
    private final RedisExpirySweep sweep;
    private final RedisListing listing;
    private final RedisEventChannel events;
    private final byte[] capacity;

    private RedisProcessStore(RedisStoreOptions options, Clock clock, RedisConnections connections) {
        this.options = options;
        this.connections = connections;
        RedisFailures failures = new RedisFailures(options.commandTimeout(), connections.timer());
        StoredRecords records = new StoredRecords(new StateCodec(options.compressionThreshold()));
        this.context = new RedisStoreContext(connections.commands(), new RedisKeys(options.keyPrefix()), failures,
                records, clock, connections.cluster());
        this.idempotency = new RedisIdempotency(context);
        this.settings = new RedisSettings(context, options.keyPrefix());
        this.sweep = new RedisExpirySweep(context);
        this.listing = new RedisListing(context);
        this.events = new RedisEventChannel(connections.pubSub(), context.keys().channel(), records, failures);
        this.capacity = number(options.eventLogCapacity());
    }

    /**
     * Connects to Redis and subscribes to the event channel.
     *
     * @throws io.flowstate.core.store.StoreUnavailableException when Redis cannot be reached within the
     *                                                           connect timeout
     */
    public static RedisProcessStore connect(RedisStoreOptions options, Clock clock) {
        RedisConnections connections = RedisConnections.open(options);
        try {
            RedisProcessStore store = new RedisProcessStore(options, clock, connections);
            store.preloadScripts();
            return store;
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    public RedisStoreOptions options() {
        return options;
    }

    /**
     * Token buckets for write rate limits, shared by every instance on this Redis (same connection, same key
     * prefix).
     *
     * @param perSecond refill rate of each client's bucket
     * @param burst     the bucket's size
     */
    public RateLimiter rateLimiter(int perSecond, int burst) {
        return new RedisRateLimiter(context, options.keyPrefix(), perSecond, burst);
    }

    @Override
    public boolean create(ProcessInstance process, Event event) {
        requireEventOf(process, event);
        String tag = RedisKeys.tag(process.processId());
        long now = context.clock().millis();
        long expires = process.expiresAt().toEpochMilli();
        // in a cluster the index lives on another slot: add it first, an entry without a process is harmless
        CompletableFuture<Long> indexed = context.cluster()
                ? commands().zadd(context.keys().expiryIndex(), ZAddArgs.Builder.lt(), (double) expires,
                        RedisKeys.bytes(tag)).toCompletableFuture()
                : null;
        byte[] eventBlob = context.records().event(event);
        events.sending(eventBlob, event);
        CompletableFuture<Long> created = CREATE.run(commands(), ScriptOutputType.INTEGER, context.processKeys(tag),
                number(process.version()), number(expires), status(process),
                context.records().process(process, event), eventBlob, number(ttl(expires, now)),
                number(now), context.keys().channel(), capacity, RedisKeys.bytes(tag), listing(tag),
                number(process.updatedAt().toEpochMilli()), RedisKeys.bytes(process.flowId()), owner(process));
        long result = await(created);
        if (indexed != null) {
            await(indexed);
        }
        return result == 1;
    }

    @Override
    public Optional<ProcessInstance> get(UUID processId) {
        List<KeyValue<byte[], byte[]>> fields = await(commands()
                .hmget(context.keys().process(RedisKeys.tag(processId)), EXPIRES, DATA).toCompletableFuture());
        if (!isLive(fields.get(0))) {
            return Optional.empty();
        }
        return Optional.of(context.records().process(fields.get(1).getValue()));
    }

    @Override
    public CasResult compareAndSet(long expectedVersion, ProcessInstance next, Event event) {
        requireEventOf(next, event);
        if (next.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("next version must be " + (expectedVersion + 1) + ", was "
                    + next.version());
        }
        String tag = RedisKeys.tag(next.processId());
        long now = context.clock().millis();
        long expires = next.expiresAt().toEpochMilli();
        byte[] eventBlob = context.records().event(event);
        events.sending(eventBlob, event);
        List<Object> reply = await(COMPARE_AND_SET.run(commands(), ScriptOutputType.MULTI, context.processKeys(tag),
                number(expectedVersion), number(next.version()), number(expires), status(next),
                context.records().process(next, event), eventBlob, number(ttl(expires, now)),
                number(now), context.keys().channel(), capacity, RedisKeys.bytes(tag), listing(tag),
                number(next.updatedAt().toEpochMilli()), RedisKeys.bytes(next.flowId()), owner(next)));
        return switch (((Long) reply.getFirst()).intValue()) {
            case 0 -> new CasResult.NotFound();
            case 1 -> new CasResult.Conflict(context.records().process((byte[]) reply.get(1)));
            default -> {
                if ((Long) reply.get(1) == 1) { // cluster, expiry moved earlier: keep the index a lower bound
                    await(commands().zadd(context.keys().expiryIndex(), ZAddArgs.Builder.lt(), (double) expires,
                            RedisKeys.bytes(tag)).toCompletableFuture());
                }
                yield new CasResult.Committed(next);
            }
        };
    }

    @Override
    public CasResult delete(UUID processId, long expectedVersion, Event event) {
        String tag = RedisKeys.tag(processId);
        List<Object> reply = await(DELETE.run(commands(), ScriptOutputType.MULTI, context.processKeys(tag),
                number(expectedVersion), number(context.clock().millis()), context.keys().channel(),
                context.records().event(event), RedisKeys.bytes(tag), listing(tag)));
        return switch (((Long) reply.getFirst()).intValue()) {
            case 0 -> new CasResult.NotFound();
            case 1 -> new CasResult.Conflict(context.records().process((byte[]) reply.get(1)));
            default -> {
                if (context.cluster()) {
                    await(commands().zrem(context.keys().expiryIndex(), RedisKeys.bytes(tag)).toCompletableFuture());
                }
                yield new CasResult.Committed(context.records().process((byte[]) reply.get(1)));
            }
        };
    }

    @Override
    public EventLog eventsSince(UUID processId, long afterVersion) {
        String tag = RedisKeys.tag(processId);
        Range<String> range = Range.from(afterVersion < 0 ? Range.Boundary.unbounded()
                : Range.Boundary.including((afterVersion + 1) + "-0"), Range.Boundary.unbounded());
        // pipelined: both go out before either answer is awaited, one round trip
        CompletableFuture<List<KeyValue<byte[], byte[]>>> head = commands()
                .hmget(context.keys().process(tag), VERSION, EXPIRES).toCompletableFuture();
        CompletableFuture<List<StreamMessage<byte[], byte[]>>> entries = commands()
                .xrange(context.keys().events(tag), range).toCompletableFuture();
        List<KeyValue<byte[], byte[]>> fields = await(head);
        List<StreamMessage<byte[], byte[]>> messages = await(entries);
        if (!isLive(fields.get(1))) {
            return new EventLog(List.of(), false);
        }
        long version = Long.parseLong(text(fields.get(0).getValue()));
        List<Event> after = new ArrayList<>(messages.size());
        for (StreamMessage<byte[], byte[]> message : messages) {
            after.add(context.records().event(message.getBody().values().iterator().next()));
        }
        long oldest = messages.isEmpty() ? Long.MAX_VALUE : streamVersion(messages.getFirst().getId());
        return EventLog.after(after, oldest, afterVersion, version);
    }

    @Override
    public IdempotencyClaim claimIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        return idempotency.claim(scope, key, fingerprint, expiresAt);
    }

    @Override
    public boolean renewIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        return idempotency.renew(scope, key, fingerprint, expiresAt);
    }

    @Override
    public void completeIdempotency(String scope, String key, StoredResponse response, Instant expiresAt) {
        idempotency.complete(scope, key, response, expiresAt);
    }

    @Override
    public void releaseIdempotency(String scope, String key) {
        idempotency.release(scope, key);
    }

    @Override
    public Optional<String> setting(String name) {
        return settings.get(name);
    }

    @Override
    public void putSetting(String name, @Nullable String value) {
        settings.put(name, value);
    }

    @Override
    public String putSettingIfAbsent(String name, String value) {
        return settings.putIfAbsent(name, value);
    }

    @Override
    public Swept sweepExpired(int limit) {
        return sweep.sweep(limit);
    }

    @Override
    public ProcessPage list(ProcessQuery query) {
        return listing.list(query);
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        return events.subscribe(listener);
    }

    @Override
    public void publish(Event event) {
        byte[][] keys = {context.keys().process(RedisKeys.tag(event.processId()))};
        await(PUBLISH.<Long>run(commands(), ScriptOutputType.INTEGER, keys, context.keys().channel(),
                context.records().event(event)));
    }

    @Override
    public void ping() {
        await(commands().ping().toCompletableFuture());
    }

    @Override
    public void close() {
        events.close();
        connections.close();
    }

    /** Loads every script into Redis's cache so the first calls need no {@code NOSCRIPT} fallback. */
    private void preloadScripts() {
        List<CompletableFuture<String>> loads = Stream.of(List.of(CREATE, COMPARE_AND_SET, DELETE, PUBLISH),
                        RedisIdempotency.scripts(), RedisExpirySweep.scripts(), RedisListing.scripts())
                .flatMap(List::stream)
                .map(script -> commands().scriptLoad(script.source()).toCompletableFuture())
                .toList();
        loads.forEach(this::await);
    }

    private boolean isLive(KeyValue<byte[], byte[]> expires) {
        return expires.hasValue() && Long.parseLong(text(expires.getValue())) > context.clock().millis();
    }

    private long ttl(long expires, long now) {
        return Math.max(1, expires - now) + options.expiryGrace().toMillis();
    }

    private RedisClusterAsyncCommands<byte[], byte[]> commands() {
        return context.commands();
    }

    private <T> T await(CompletableFuture<T> reply) {
        return context.failures().await(reply);
    }

    private static void requireEventOf(ProcessInstance process, Event event) {
        if (!event.processId().equals(process.processId()) || event.version() != process.version()) {
            throw new IllegalArgumentException("event " + event.type().wireName() + " v" + event.version()
                    + " does not belong to process " + process.processId() + " v" + process.version());
        }
    }

    private byte[] listing(String tag) {
        return context.keys().listing(tag, context.cluster());
    }

    private static byte[] owner(ProcessInstance process) {
        String owner = process.owner();
        return RedisKeys.bytes(owner == null ? "" : owner);
    }

    private static byte[] status(ProcessInstance process) {
        return RedisKeys.bytes(process.status().wireName());
    }

    private static long streamVersion(String streamId) {
        return Long.parseLong(streamId.substring(0, streamId.indexOf('-')));
    }

    private static byte[] number(long value) {
        return RedisIdempotency.number(value);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
