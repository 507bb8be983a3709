package io.flowstate.archfixture.clean.core.flow;

/** A flow graph: the bottom of the fixture's core. */
public record Graph(String start) {
}
