package io.flowstate.server.session;

import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.Mode;
import io.flowstate.server.config.MigrationConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration switch: decides the mode of each new run. With the switch off every flow runs in its declared mode;
 * with it on, a browser whose bucket — a hash of its {@code flowstate_browser} id and the flow id, 0–99 — is below the
 * flow's rollout runs the declared mode and every other browser runs session mode. The bucket is stable, so a person
 * stays on one side while the rollout holds, and moves only forward as it grows. Runs already going are not asked
 * again: they live where they started.
 *
 * <p>The values come from the configuration and, once {@code flowstate migration set} has stored them, from the store,
 * read every {@code migration.refreshInterval} so that every instance on one Redis agrees within that time.
 */
public final class ModeSwitch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModeSwitch.class);

    private final MigrationSettings configured;
    private final Mode defaultMode;
    private final ProcessEngine engine;
    private final ScheduledExecutorService refresher;
    private volatile MigrationSettings current;

    private ModeSwitch(MigrationSettings configured, Mode defaultMode, ProcessEngine engine,
                       ScheduledExecutorService refresher) {
        this.configured = configured;
        this.current = configured;
        this.defaultMode = defaultMode;
        this.engine = engine;
        this.refresher = refresher;
    }

    /** A switch that reads the store now and then every {@code config.refreshInterval()}. */
    public static ModeSwitch start(MigrationConfig config, Mode defaultMode, ProcessEngine engine) {
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "flowstate-migration-switch");
            thread.setDaemon(true);
            return thread;
        });
        ModeSwitch modeSwitch = new ModeSwitch(MigrationSettings.of(config), defaultMode, engine, refresher);
        modeSwitch.refresh();
        long every = config.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(modeSwitch::refresh, every, every, TimeUnit.MILLISECONDS);
        return modeSwitch;
    }

    /** The values in force. */
    public MigrationSettings settings() {
        return current;
    }

    /** The mode a new run of {@code flow} takes for the browser {@code browserId}. */
    public Mode modeFor(Flow flow, String browserId) {
        Mode declared = flow.effectiveMode(defaultMode);
        MigrationSettings settings = current;
        if (!settings.enabled() || declared == Mode.SESSION) {
            return declared;
        }
        return bucket(browserId, flow.id()) < settings.rolloutOf(flow.id()) ? declared : Mode.SESSION;
    }

    /** True when the switch is on, so starts need to know the browser. */
    public boolean enabled() {
        return current.enabled();
    }

    /** The browser's bucket for a flow, 0–99: the first four bytes of SHA-256(browser id, flow id). */
    static int bucket(String browserId, String flowId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(browserId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] digest = sha.digest(flowId.getBytes(StandardCharsets.UTF_8));
            long value = ((digest[0] & 0xffL) << 24) | ((digest[1] & 0xffL) << 16) | ((digest[2] & 0xffL) << 8)
                    | (digest[3] & 0xffL);
            return (int) (value % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Reads the stored switch; keeps the last good values when the store does not answer or holds garbage. */
    void refresh() {
        try {
            Optional<String> stored = engine.setting(MigrationSettings.SETTING);
            MigrationSettings next = stored.map(MigrationSettings::fromJson).orElse(configured);
            if (!next.equals(current)) {
                LOG.info("migration switch now {} (from {})", next.toJson(), stored.isPresent() ? "the store"
                        : "the configuration");
                current = next;
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot read the migration switch from the store; keeping {}: {}", current.toJson(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
