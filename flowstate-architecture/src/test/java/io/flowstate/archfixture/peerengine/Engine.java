package io.flowstate.archfixture.peerengine;

/** Stands for a peer engine the benchmarks compare against (a library outside the product). */
public final class Engine {
    public String start(String flow) {
        return flow + "-1";
    }
}
