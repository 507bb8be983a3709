package io.flowstate.archfixture.cycle.a;

import io.flowstate.archfixture.cycle.b.B;

/** Fixture: one half of a package cycle. */
public final class A {
    B other;
}
