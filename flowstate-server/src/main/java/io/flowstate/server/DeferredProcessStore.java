package io.flowstate.server;

import io.flowstate.core.process.Event;
import io.flowstate.core.store.ForwardingProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.core.store.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store that could not be opened when the server started. A virtual thread keeps calling the opener, with a
 * pause that doubles from {@code firstPause} up to {@code maxPause}; until one call succeeds, every method
 * throws {@link StoreUnavailableException} (so requests answer 503 {@code store_unavailable} and
 * {@code /health/ready} is unready, which is what an orchestrator waits for), and afterwards every method goes
 * to the opened store. Listeners subscribed before then are attached to it as it opens.
 *
 * <p>Error contract: that of {@link ProcessStore}; while not open, every call except {@link #subscribe} and
 * {@link #close} throws {@link StoreUnavailableException} naming what is being opened and the last failure.
 */
final class DeferredProcessStore extends ForwardingProcessStore {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredProcessStore.class);

    private final Supplier<ProcessStore> opener;
    private final String description;
    private final Duration firstPause;
    private final Duration maxPause;
    private final Object lock = new Object();
    private final List<PendingSubscription> pending = new ArrayList<>();
    private final Thread connector;
    private volatile @Nullable ProcessStore opened;
    private volatile @Nullable String lastFailure;
    private boolean closed;

    /**
     * Starts opening in the background at once.
     *
     * @param opener      opens the real store; throws (typically {@link StoreUnavailableException}) while it cannot
     * @param description what is being opened, for messages (for example {@code Redis at redis://host:6379
     *                    (store.redisUrl)}); must not contain a secret
     * @param firstFailure why the first, synchronous attempt failed
     */
    DeferredProcessStore(Supplier<ProcessStore> opener, String description, @Nullable String firstFailure,
                         Duration firstPause, Duration maxPause) {
        this.opener = opener;
        this.description = description;
        this.lastFailure = firstFailure;
        this.firstPause = firstPause;
        this.maxPause = maxPause;
        this.connector = Thread.ofVirtual().name("flowstate-store-connector").start(this::connect);
    }

    /** True once the real store is open. */
    boolean isOpen() {
        return opened != null;
    }

    private void connect() {
        Duration pause = firstPause;
        for (int attempt = 2; ; attempt++) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                if (closed) {
                    return;
                }
            }
            ProcessStore store;
            try {
                store = opener.get();
            } catch (RuntimeException e) {
                lastFailure = e.getMessage();
                LOG.debug("store still unavailable (attempt {}): {}", attempt, e.getMessage());
                pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
                continue;
            }
            synchronized (lock) {
                if (closed) {
                    store.close();
                    return;
                }
                for (PendingSubscription subscription : pending) {
                    subscription.attach(store);
                }
                pending.clear();
                opened = store;
            }
            LOG.info("connected to {} after {} attempts; the server is ready", description, attempt);
            return;
        }
    }

    @Override
    protected ProcessStore delegate() {
        ProcessStore store = opened;
        if (store == null) {
            throw new StoreUnavailableException("not connected yet to " + description + "; retrying in the background"
                    + " (last failure: " + lastFailure + ")");
        }
        return store;
    }

    /** Never fails: before the store opens, the listener waits and is attached when it does. */
    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        synchronized (lock) {
            if (opened != null) {
                return opened.subscribe(listener);
            }
            PendingSubscription subscription = new PendingSubscription(listener);
            pending.add(subscription);
            return subscription;
        }
    }

    /** Stops the connector and closes the real store if it opened. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            pending.clear();
        }
        connector.interrupt();
        try {
            connector.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessStore store = opened;
        if (store != null) {
            store.close();
        }
    }

    /** A listener registered before the store opened; guarded by {@link #lock}. */
    private final class PendingSubscription implements Subscription {
        private final Consumer<Event> listener;
        private @Nullable Subscription attached;
        private boolean cancelled;

        PendingSubscription(Consumer<Event> listener) {
            this.listener = listener;
        }

        void attach(ProcessStore store) {
            if (!cancelled) {
                attached = store.subscribe(listener);
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                cancelled = true;
                pending.remove(this);
                if (attached != null) {
                    attached.close();
                }
            }
        }
    }
}
