package io.flowstate.server.config;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The migration switch as configured at start ({@code flowstate migration set} overrides it at run time through the
 * store; docs/migration.md).
 *
 * @param enabled         {@code migration.enabled}: false runs every flow in its declared mode
 * @param rollout         {@code migration.rollout}: the percentage of browsers that run a flow in its declared mode
 *                        (the others run it in session mode)
 * @param flowRollouts    {@code migration.flows.<flow>.rollout}: the same per flow, overriding {@code rollout}
 * @param refreshInterval {@code migration.refreshInterval}: how often an instance reads the switch from the store
 */
public record MigrationConfig(boolean enabled, int rollout, Map<String, Long> flowRollouts,
                              Duration refreshInterval) {

    public static final MigrationConfig DEFAULTS = new MigrationConfig(false, 0, Map.of(), Duration.ofSeconds(2));

    public MigrationConfig {
        if (rollout < 0 || rollout > 100) {
            throw new ConfigException("migration.rollout must be between 0 and 100, was " + rollout);
        }
        if (flowRollouts == null) {
            throw new ConfigException("migration.flows must be a table");
        }
        flowRollouts.forEach((flow, percent) -> {
            if (percent < 0 || percent > 100) {
                throw new ConfigException("migration.flows." + flow + ".rollout must be between 0 and 100");
            }
        });
        flowRollouts = Collections.unmodifiableMap(new TreeMap<>(flowRollouts));
        if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new ConfigException("migration.refreshInterval must be a positive duration");
        }
    }
}
