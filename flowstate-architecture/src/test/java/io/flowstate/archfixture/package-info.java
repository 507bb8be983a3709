/**
 * Fixtures for {@code LayeringRulesTest}: {@code clean} is laid out as the design wants it; {@code tangled}
 * breaks it four ways: a package cycle (the flow model and the engine use each other), so the flow model imports
 * the engine; the core imports a store module; the server's edge holds a {@code ProcessStore}; and, checked on its own, the server embeds a peer
 * engine ({@code peerengine}) that only the benchmarks' peers package may use. They exist only
 * to be checked; nothing calls them.
 */
package io.flowstate.archfixture;
