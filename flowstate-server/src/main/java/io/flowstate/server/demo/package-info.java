/**
 * The demo page of {@code flowstate serve --demo}: {@code examples/web} and the browser SDK's build, served at
 * {@code /demo/}.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.demo;

import org.jspecify.annotations.NullMarked;
