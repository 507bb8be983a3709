package io.flowstate.testkit.redis;

import java.util.List;

/**
 * How the harness starts a {@code redis-server}.
 *
 * @param appendOnly     {@code --appendonly yes --appendfsync always}: every acknowledged write survives a
 *                       SIGKILL and a {@link RedisServer#restart()}
 * @param clusterEnabled start the node with {@code --cluster-enabled yes} (used by {@link RedisClusterServer})
 * @param extraArgs      further {@code --name value} arguments passed verbatim
 */
public record RedisServerOptions(boolean appendOnly, boolean clusterEnabled, List<String> extraArgs) {

    public RedisServerOptions {
        extraArgs = List.copyOf(extraArgs);
    }

    /** In memory only ({@code --save ''}, no AOF). */
    public static RedisServerOptions inMemory() {
        return new RedisServerOptions(false, false, List.of());
    }

    /** With an append-only file fsynced on every write, for outage and restart tests. */
    public static RedisServerOptions durable() {
        return new RedisServerOptions(true, false, List.of());
    }

    public RedisServerOptions withClusterEnabled() {
        return new RedisServerOptions(appendOnly, true, extraArgs);
    }

    public RedisServerOptions withArgs(String... args) {
        return new RedisServerOptions(appendOnly, clusterEnabled,
                java.util.stream.Stream.concat(extraArgs.stream(), java.util.Arrays.stream(args)).toList());
    }
}
