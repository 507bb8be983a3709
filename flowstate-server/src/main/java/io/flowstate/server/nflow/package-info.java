/**
 * nFlow apps over HTTP: starter routes, continuations, forms as process boundaries, login (NFLOW.md §2, §5). Runs
 * come from {@code flowstate-nflow}; where a run's state lives between requests is a {@link
 * io.flowstate.server.nflow.RunStore}: a process per run ({@code ProcessRunStore}), or one run per browser and flow
 * behind the session cookie ({@code SessionRunStore}); {@code RunModes} picks one per request.
 */
@NullMarked
package io.flowstate.server.nflow;

import org.jspecify.annotations.NullMarked;
