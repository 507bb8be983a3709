package io.flowstate.archfixture.clean.server;

import io.flowstate.archfixture.clean.core.engine.Engine;
import io.flowstate.archfixture.clean.core.flow.Graph;
import io.flowstate.archfixture.clean.redis.RedisStore;
import io.flowstate.archfixture.clean.server.http.Routes;

/** The server's root may see every module: it wires the store into the engine and the engine into the edge. */
public final class Wiring {
    private Wiring() {
    }

    public static Routes routes() {
        return new Routes(new Engine(new Graph("start"), new RedisStore()));
    }
}
