/**
 * Benchmarks and load drivers; none of them is part of the test run's pass/fail.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.bench;

import org.jspecify.annotations.NullMarked;
