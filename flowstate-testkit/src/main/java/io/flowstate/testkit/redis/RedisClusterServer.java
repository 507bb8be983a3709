package io.flowstate.testkit.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of masters without replicas, each a {@link RedisServer} started with
 * {@code --cluster-enabled yes} on free ports, joined by {@code redis-cli --cluster create}. Ready when
 * every node reports {@code cluster_state:ok}.
 */
public final class RedisClusterServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServer> nodes;

    private RedisClusterServer(List<RedisServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts three masters (the smallest cluster Redis accepts) and forms the cluster. */
    public static RedisClusterServer start() {
        return start(3);
    }

    /**
     * Starts {@code masters} nodes and forms a cluster with every slot assigned.
     *
     * @throws IllegalStateException when redis-server or redis-cli is missing or the cluster does not form
     */
    public static RedisClusterServer start(int masters) {
        if (masters < 3) {
            throw new IllegalArgumentException("Redis Cluster needs at least 3 masters, was " + masters);
        }
        RedisBinaries.cli(); // fail before starting anything when the CLI is missing
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(RedisServer.start(RedisServerOptions.inMemory().withClusterEnabled()));
            }
            RedisClusterServer cluster = new RedisClusterServer(nodes);
            cluster.create();
            cluster.awaitClusterOk();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    /** Every node as {@code redis://127.0.0.1:<port>}, joined by commas: the seed list a cluster client takes. */
    public String uri() {
        return nodes.stream().map(RedisServer::uri).collect(Collectors.joining(","));
    }

    /** Stops every node and deletes their directories. */
    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of(RedisBinaries.cli().toString(), "--cluster", "create"));
        nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        try {
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            cli.getOutputStream().close();
            byte[] output = cli.getInputStream().readAllBytes();
            if (!cli.waitFor(30, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                cli.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create failed:\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-cli: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while forming the cluster", e);
        }
    }

    private void awaitClusterOk() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (RedisServer node : nodes) {
            while (!String.valueOf(node.call("CLUSTER", "INFO")).contains("cluster_state:ok")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster did not reach cluster_state:ok within "
                            + READY_TIMEOUT.toSeconds() + " s; node " + node.port() + " says:\n"
                            + node.call("CLUSTER", "INFO"));
                }
                RedisServer.sleep(Duration.ofMillis(50));
            }
        }
    }
}
