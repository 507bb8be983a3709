package io.flowstate.archfixture.cycle.b;

import io.flowstate.archfixture.cycle.a.A;

/** Fixture: the other half of a package cycle. */
public final class B {
    A other;
}
