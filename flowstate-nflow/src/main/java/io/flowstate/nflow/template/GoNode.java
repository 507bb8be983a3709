package io.flowstate.nflow.template;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The parse tree of a Go template. */
sealed interface GoNode {

    /** Literal template text. */
    record Text(String text) implements GoNode {
    }

    /** {@code {{pipeline}}}: its value is escaped for the context and written. */
    record Action(Pipeline pipeline) implements GoNode {
    }

    /** {@code if}, {@code with} or {@code range} with its body and optional else branch. */
    record Branch(String kind, Pipeline pipeline, List<GoNode> body, @Nullable List<GoNode> otherwise) implements GoNode {
    }

    /** Commands joined by {@code |}: each command's result is the last argument of the next. */
    record Pipeline(List<List<Operand>> commands) {
    }

    /** One argument or function of a command. */
    sealed interface Operand {
    }

    /** {@code .a.b} ({@code root} false) or {@code $.a.b} ({@code root} true); empty path is the dot itself. */
    record Field(boolean root, List<String> path) implements Operand {
    }

    /** A string, number, boolean or nil literal. */
    record Literal(@Nullable Object value) implements Operand {
    }

    /** A function name. */
    record Function(String name) implements Operand {
    }

    /** A parenthesised pipeline. */
    record Nested(Pipeline pipeline) implements Operand {
    }
}
