package io.flowstate.archfixture.tangled.core.store;

/** The store SPI of the fixture. */
public interface ProcessStore {
    String read(String id);
}
