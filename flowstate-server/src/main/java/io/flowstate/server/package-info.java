/**
 * The server: wires flows, store, scripts and transports into one Helidon web server.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server;

import org.jspecify.annotations.NullMarked;
