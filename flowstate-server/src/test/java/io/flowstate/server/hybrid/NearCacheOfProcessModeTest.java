package io.flowstate.server.hybrid;

/**
 * The contract holds for the near cache in process mode too, where it answers no read and keeps its copies only for
 * the engine's next change.
 */
class NearCacheOfProcessModeTest extends NearCacheOnMemoryStoreTest {

    @Override
    boolean servesReads() {
        return false;
    }
}
