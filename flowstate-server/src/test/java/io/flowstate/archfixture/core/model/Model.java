package io.flowstate.archfixture.core.model;

import io.flowstate.archfixture.server.http.Route;

/** Fixture: a core class that imports the server, which the layering forbids. */
public final class Model {
    public Route route() {
        return new Route();
    }
}
