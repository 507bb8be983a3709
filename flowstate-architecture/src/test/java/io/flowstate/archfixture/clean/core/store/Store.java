package io.flowstate.archfixture.clean.core.store;

/** The store SPI of the fixture. */
public interface Store {
    String read(String id);
}
