/**
 * Token mode's routes: state travels in the token; the replay guard keeps an old token from rolling a process
 * back.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.token;

import org.jspecify.annotations.NullMarked;
