package io.flowstate.server;

import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.store.StoreUnavailableException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes expired processes at a fixed interval and publishes {@code process.expired} for them. Runs on one
 * virtual thread; a failing sweep (store down) is logged and retried at the next tick.
 */
final class ExpirySweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);
    private static final int BATCH = 500;

    private final ProcessEngine engine;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean running = true;

    ExpirySweeper(ProcessEngine engine, Duration interval) {
        this.engine = engine;
        this.interval = interval;
        this.thread = Thread.ofVirtual().name("flowstate-sweeper").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(interval);
                int swept;
                do {
                    swept = engine.sweepExpired(BATCH);
                    if (swept > 0) {
                        LOG.debug("expired {} processes", swept);
                    }
                } while (swept == BATCH && running);
            } catch (InterruptedException e) {
                return;
            } catch (StoreUnavailableException e) {
                // expected while the store is down; requests report it too, a stack trace per tick adds nothing
                LOG.warn("expiry sweep skipped, the store is unavailable ({}); retrying in {}", e.getMessage(), interval);
            } catch (RuntimeException e) {
                LOG.warn("expiry sweep failed; retrying in {}", interval, e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
