package io.flowstate.redis;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Shared settings: one hash {@code prefix:settings}, one field per setting. A single key, so it lives on one slot
 * of a cluster and every instance reads the same value.
 */
final class RedisSettings {

    private final RedisStoreContext context;
    private final byte[] key;

    RedisSettings(RedisStoreContext context, String prefix) {
        this.context = context;
        this.key = RedisKeys.bytes(prefix + ":settings");
    }

    Optional<String> get(String name) {
        byte[] value = context.failures().await(context.commands().hget(key, RedisKeys.bytes(name))
                .toCompletableFuture());
        return Optional.ofNullable(value).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    void put(String name, @Nullable String value) {
        if (value == null) {
            context.failures().await(context.commands().hdel(key, RedisKeys.bytes(name)).toCompletableFuture());
        } else {
            context.failures().await(context.commands().hset(key, RedisKeys.bytes(name), RedisKeys.bytes(value))
                    .toCompletableFuture());
        }
    }

    String putIfAbsent(String name, String value) {
        boolean set = context.failures().await(context.commands().hsetnx(key, RedisKeys.bytes(name),
                RedisKeys.bytes(value)).toCompletableFuture());
        // HSETNX is atomic; a setting is only ever removed by an operator, so the value read next is the winner's
        return set ? value : get(name).orElse(value);
    }
}
