/**
 * What a run is: a process instance, its status, the events it emits and the problems it records.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.core.process;

import org.jspecify.annotations.NullMarked;
