package io.flowstate.archfixture.clean.bench.peers;

import io.flowstate.archfixture.peerengine.Engine;

/** The benchmarks' peers package drives the peer engine, as designed. */
public record Harness(Engine engine) {
    public String cycle() {
        return engine.start("signup");
    }
}
