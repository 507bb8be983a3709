package io.flowstate.archfixture.tangled.core.flow;

import io.flowstate.archfixture.tangled.core.engine.Validator;

/** The flow model reaching up into the engine: one half of a cycle. */
public record Graph(String start, Validator validator) {
}
