package io.flowstate.archfixture.clean.server.http;

import io.flowstate.archfixture.clean.core.engine.Engine;

/** The edge: goes through the engine. */
public record Routes(Engine engine) {
    public String get(String id) {
        return engine.run(id);
    }
}
