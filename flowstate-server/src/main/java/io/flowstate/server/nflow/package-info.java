/**
 * nFlow apps over HTTP: starter routes, continuations, forms as process boundaries, login (NFLOW.md §2, §5). Runs
 * come from {@code flowstate-nflow}; where a run's state lives between requests is a {@link
 * io.flowstate.server.nflow.RunStore} (process mode here; session mode plugs in beside it).
 */
@NullMarked
package io.flowstate.server.nflow;

import org.jspecify.annotations.NullMarked;
