package io.flowstate.redis;

import io.flowstate.core.store.StoreUnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce client of one store: a command connection shared by all threads (Lettuce multiplexes it) and
 * one pub/sub connection. Both reconnect by themselves, retrying at most every second; while disconnected,
 * commands are rejected at once instead of queueing, so callers fail fast rather than hang.
 */
final class RedisConnections implements AutoCloseable {

    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<byte[], byte[]> connection;
    private final RedisClusterAsyncCommands<byte[], byte[]> commands;
    private final StatefulRedisPubSubConnection<byte[], byte[]> pubSub;
    private final boolean cluster;

    private RedisConnections(ClientResources resources, AbstractRedisClient client,
                             StatefulConnection<byte[], byte[]> connection,
                             RedisClusterAsyncCommands<byte[], byte[]> commands,
                             StatefulRedisPubSubConnection<byte[], byte[]> pubSub, boolean cluster) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.commands = commands;
        this.pubSub = pubSub;
        this.cluster = cluster;
    }

    /** Connects; throws {@link StoreUnavailableException} when Redis cannot be reached within the connect timeout. */
    static RedisConnections open(RedisStoreOptions options) {
        RedisEndpoints endpoints = RedisEndpoints.parse(options.uri());
        List<RedisURI> uris = endpoints.uris();
        uris.forEach(uri -> uri.setTimeout(options.commandTimeout()));
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(options.connectTimeout()).keepAlive(true).build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(options.commandTimeout());
        AbstractRedisClient client = null;
        try {
            if (endpoints.cluster()) {
                RedisClusterClient clusterClient = RedisClusterClient.create(resources, uris);
                client = clusterClient;
                clusterClient.setOptions(ClusterClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(socket)
                        .timeoutOptions(timeouts)
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enableAllAdaptiveRefreshTriggers()
                                .enablePeriodicRefresh(Duration.ofSeconds(30))
                                .build())
                        .build());
                StatefulRedisClusterConnection<byte[], byte[]> connection = clusterClient.connect(ByteArrayCodec.INSTANCE);
                return new RedisConnections(resources, client, connection, connection.async(),
                        clusterClient.connectPubSub(ByteArrayCodec.INSTANCE), true);
            }
            RedisClient redisClient = RedisClient.create(resources, uris.getFirst());
            client = redisClient;
            redisClient.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(socket)
                    .timeoutOptions(timeouts)
                    .build());
            StatefulRedisConnection<byte[], byte[]> connection = redisClient.connect(ByteArrayCodec.INSTANCE);
            return new RedisConnections(resources, client, connection, connection.async(),
                    redisClient.connectPubSub(ByteArrayCodec.INSTANCE), false);
        } catch (RedisException e) {
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw new StoreUnavailableException("cannot connect to Redis at " + RedisEndpoints.redact(options.uri())
                    + ": " + e.getMessage(), e);
        }
    }

    RedisClusterAsyncCommands<byte[], byte[]> commands() {
        return commands;
    }

    /** Lettuce's hashed-wheel timer (its command time-outs run on it). */
    Timer timer() {
        return resources.timer();
    }

    StatefulRedisPubSubConnection<byte[], byte[]> pubSub() {
        return pubSub;
    }

    /** True for Redis Cluster, where a script may touch only the keys of one slot. */
    boolean cluster() {
        return cluster;
    }

    @Override
    public void close() {
        pubSub.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
