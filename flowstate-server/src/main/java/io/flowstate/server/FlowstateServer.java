package io.flowstate.server;

import io.flowstate.server.config.FlowstateConfig;

/** Stand-in for the HTTP server, so the command line compiles; replaced by the real server at merge. */
public final class FlowstateServer {

    private FlowstateServer() {
    }

    public static FlowstateServer start(FlowstateConfig config) {
        throw new IllegalStateException("server not wired");
    }

    public int port() {
        throw new IllegalStateException("server not wired");
    }

    public void stop() {
        throw new IllegalStateException("server not wired");
    }
}
