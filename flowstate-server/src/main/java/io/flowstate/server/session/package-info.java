/**
 * Session mode, the legacy pattern the migration starts from, and the switch that moves browsers off it: a run kept
 * server-side behind a signed cookie, one per browser per flow, requests of one session serialized by a lock; the
 * {@link io.flowstate.server.session.ModeSwitch} that sends a share of browsers to the flow's declared mode; and the
 * {@code migrate} action that turns a session run into a process.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.session;

import org.jspecify.annotations.NullMarked;
