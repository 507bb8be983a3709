package io.flowstate.redis;

import io.flowstate.core.process.Event;
import io.flowstate.core.store.LocalEventBus;
import io.flowstate.core.store.Subscription;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the events published on the store's Redis channel to this JVM's listeners. Every commit,
 * from this instance or another, reaches listeners through Redis, so each event arrives once and the
 * events of one process arrive in commit order (one channel, one connection, one delivery thread).
 * Pub/sub is at-most-once: while the connection is down events are missed; readers that must not miss
 * any catch up with {@code eventsSince}.
 */
final class RedisEventChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEventChannel.class);

    private final LocalEventBus bus = new LocalEventBus();
    private final EchoedEvents echoes = new EchoedEvents();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable ->
            Thread.ofPlatform().daemon().name("flowstate-redis-events").unstarted(runnable));

    /** Subscribes to {@code channel} and returns once Redis confirmed the subscription. */
    RedisEventChannel(StatefulRedisPubSubConnection<byte[], byte[]> connection, byte[] channel,
                      StoredRecords records, RedisFailures failures) {
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] from, byte[] message) {
                try {
                    delivery.execute(() -> deliver(records, message));
                } catch (RejectedExecutionException closing) {
                    // the store is closing: nobody is listening any more
                }
            }
        });
        failures.await(connection.async().subscribe(channel).toCompletableFuture());
    }

    /** Call before publishing {@code blob}, the encoding of {@code event}: its echo then needs no decoding. */
    void sending(byte[] blob, Event event) {
        echoes.sending(blob, event);
    }

    Subscription subscribe(Consumer<Event> listener) {
        return bus.subscribe(listener);
    }

    @Override
    public void close() {
        delivery.shutdown();
        try {
            delivery.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(StoredRecords records, byte[] message) {
        Event event = echoes.received(message);
        try {
            if (event == null) {
                event = records.event(message);
            }
        } catch (RuntimeException e) {
            LOG.warn("ignored an unreadable message on the event channel", e);
            return;
        }
        bus.publish(event);
    }
}
