/**
 * The peers Flowstate is measured against ({@code PeersLoadDriver}): Flowable and Camunda 7 embedded on H2,
 * running the sign-up flow of {@code examples/flows} as BPMN. The only package of the project that sees those
 * engines; no product module depends on this one.
 */
@NullMarked
package io.flowstate.bench.peers;

import org.jspecify.annotations.NullMarked;
