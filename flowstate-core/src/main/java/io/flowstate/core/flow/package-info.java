/**
 * The flow model: a flow is a graph of form, script and end steps, parsed from JSON or YAML and checked when it
 * loads.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.core.flow;

import org.jspecify.annotations.NullMarked;
