/**
 * The {@code flowstate} command line ({@code serve}, {@code config}).
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.cli;

import org.jspecify.annotations.NullMarked;
