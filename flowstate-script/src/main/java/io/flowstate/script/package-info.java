/**
 * The GraalJS sandbox that runs script steps: one shared engine, pooled contexts, statement and time limits. The
 * only module that imports GraalJS.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.script;

import org.jspecify.annotations.NullMarked;
