package io.flowstate.archfixture.tangled.server;

import io.flowstate.archfixture.peerengine.Engine;

/** The server embedding a peer engine the benchmarks only compare against. */
public record Embedded(Engine engine) {
    public String start() {
        return engine.start("signup");
    }
}
