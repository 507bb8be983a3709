/**
 * The Redis store: Lua compare-and-set on keys that share the process's hash tag, TTL, pub/sub and a capped event
 * stream; standalone, Sentinel and Cluster.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.redis;

import org.jspecify.annotations.NullMarked;
