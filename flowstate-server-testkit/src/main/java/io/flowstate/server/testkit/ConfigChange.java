package io.flowstate.server.testkit;

import io.flowstate.server.config.FlowstateConfig;
import java.util.function.UnaryOperator;

/**
 * A change of the server's configuration that {@link FlowstateServerTest#configure} can name: annotations hold
 * classes, not lambdas, so a setting the annotation has no attribute for (limits, origins, stream timing) is a
 * small class with a no-argument constructor. {@link ServerSetup#withConfig} takes one as well.
 *
 * <pre>{@code
 * static final class SlowScripts implements ConfigChange {
 *     public FlowstateConfig apply(FlowstateConfig config) {
 *         return config.withScript(new ScriptConfig(1_000_000_000L, Duration.ofSeconds(5)));
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ConfigChange extends UnaryOperator<FlowstateConfig> {
}
