package io.flowstate.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;

/**
 * What the parts of {@link RedisProcessStore} share.
 *
 * @param cluster true on Redis Cluster: scripts cannot touch the (untagged) expiry index there, so the
 *                callers update it with separate commands
 */
record RedisStoreContext(RedisClusterAsyncCommands<byte[], byte[]> commands, RedisKeys keys,
                         RedisFailures failures, StoredRecords records, Clock clock, boolean cluster) {

    /** The keys a process script takes: its hash, stream and idempotency hash, plus the index when allowed. */
    byte[][] processKeys(String tag) {
        return cluster
                ? new byte[][] {keys.process(tag), keys.events(tag), keys.idempotency(tag)}
                : new byte[][] {keys.process(tag), keys.events(tag), keys.idempotency(tag), keys.expiryIndex()};
    }
}
