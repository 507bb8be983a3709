package io.flowstate.core.flow;

import org.jspecify.annotations.Nullable;

/** A node of a flow's graph. */
public sealed interface Step permits FormStep, ScriptStep, EndStep {

    /** The step's id, unique within its flow. */
    String id();

    /** The type name used in flow files and on the wire ({@code form}, {@code script}, {@code end}). */
    String type();

    /** Optional human title, or null. */
    @Nullable String title();
}
