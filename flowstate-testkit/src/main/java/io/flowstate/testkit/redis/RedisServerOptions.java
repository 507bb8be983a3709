package io.flowstate.testkit.redis;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the harness starts a {@code redis-server}.
 *
 * @param appendOnly     {@code --appendonly yes --appendfsync always}: every acknowledged write survives a
 *                       SIGKILL and a {@link RedisServer#restart()}
 * @param clusterEnabled start the node with {@code --cluster-enabled yes} (used by {@link RedisClusterServer})
 * @param configLines    lines of a config file written to the server's directory and passed first (Sentinel
 *                       needs a file it can rewrite); empty for none
 * @param extraArgs      further {@code --name value} arguments passed verbatim
 */
public record RedisServerOptions(boolean appendOnly, boolean clusterEnabled, List<String> configLines,
                                 List<String> extraArgs) {

    public RedisServerOptions {
        configLines = List.copyOf(configLines);
        extraArgs = List.copyOf(extraArgs);
    }

    /** In memory only ({@code --save ''}, no AOF). */
    public static RedisServerOptions inMemory() {
        return new RedisServerOptions(false, false, List.of(), List.of());
    }

    /** With an append-only file fsynced on every write, for outage and restart tests. */
    public static RedisServerOptions durable() {
        return new RedisServerOptions(true, false, List.of(), List.of());
    }

    public RedisServerOptions withClusterEnabled() {
        return new RedisServerOptions(appendOnly, true, configLines, extraArgs);
    }

    public RedisServerOptions withConfigLines(String... lines) {
        return new RedisServerOptions(appendOnly, clusterEnabled,
                Stream.concat(configLines.stream(), Arrays.stream(lines)).toList(), extraArgs);
    }

    public RedisServerOptions withArgs(String... args) {
        return new RedisServerOptions(appendOnly, clusterEnabled, configLines,
                Stream.concat(extraArgs.stream(), Arrays.stream(args)).toList());
    }
}
