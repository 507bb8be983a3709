/**
 * The contract suite every {@code ProcessStore} passes, and test helpers such as {@code MutableClock}.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.testkit;

import org.jspecify.annotations.NullMarked;
