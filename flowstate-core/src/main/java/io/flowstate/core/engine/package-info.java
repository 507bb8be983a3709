/**
 * The engine: commands ({@code StartProcess}, {@code SubmitStep}, …) in, outcomes (accepted, or rejected with a
 * type) out. {@code FlowRunner} runs steps without touching a store; {@code ProcessEngine} commits the result
 * through the {@code ProcessStore} SPI.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.core.engine;

import org.jspecify.annotations.NullMarked;
