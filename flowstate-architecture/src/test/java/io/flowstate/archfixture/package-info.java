/**
 * Fixtures for {@code LayeringRulesTest}: {@code clean} is laid out as the design wants it, {@code tangled}
 * breaks it three ways (a package cycle, the core importing a store module, the server's edge importing the
 * store SPI). They exist only to be checked; nothing calls them.
 */
package io.flowstate.archfixture;
