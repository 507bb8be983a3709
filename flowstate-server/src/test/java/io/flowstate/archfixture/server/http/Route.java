package io.flowstate.archfixture.server.http;

import io.flowstate.archfixture.core.store.ProcessStore;

/** Fixture: a route that holds a store instead of going through the engine. */
public final class Route {
    ProcessStore store;
}
