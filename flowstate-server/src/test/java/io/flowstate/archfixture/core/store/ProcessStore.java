package io.flowstate.archfixture.core.store;

/** Fixture: stands for the store SPI. */
public interface ProcessStore {
}
