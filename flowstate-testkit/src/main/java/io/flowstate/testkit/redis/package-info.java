/**
 * Real {@code redis-server} processes for tests (standalone, Sentinel, Cluster) on free ports, as JUnit
 * extensions.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.testkit.redis;

import org.jspecify.annotations.NullMarked;
