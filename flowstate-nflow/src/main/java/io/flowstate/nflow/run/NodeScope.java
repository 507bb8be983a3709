package io.flowstate.nflow.run;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The wrapper that gives a {@code js} node its own scope (NFLOW.md §4) without a {@code with} proxy: every name the
 * code could use that the proxied scope would have answered (nFlow's globals, the helpers, and names that are not
 * globals of the realm, where implicit globals land) becomes a local of the wrapper, read once from the run's scope
 * object. Lookups are then plain locals instead of a proxy trap per name, which was most of a small node's cost in
 * the interpreter.
 *
 * <p>The names come from a scan of the code that may only over-approximate: any run of identifier characters counts,
 * in strings and comments too, except a member name written right after {@code name.}, {@code ).} or {@code ].}
 * (never a reference). An extra local is harmless: it holds what the proxied scope would have answered for it. Code
 * whose names a scan cannot see or whose locals would behave differently keeps the proxied scope: {@code eval},
 * {@code \}u escapes, any non-ASCII character (in strings too), {@code delete} of a bare name, and the two helpers
 * that read the current {@code payload} binding ({@code open_session_form}, {@code delete_session_form}).
 */
final class NodeScope {

    /** The wrapper's parameter: the run's scope object. */
    static final String SCOPE = "__nflow_scope";

    private static final Set<String> RESERVED = Set.of("break", "case", "catch", "class", "const", "continue",
            "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
            "function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
            "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static", "implements",
            "interface", "package", "private", "protected", "public", "await", "arguments", "eval", "__proto__",
            SCOPE);
    private static final Set<String> PROXIED = Set.of("eval", "open_session_form", "delete_session_form");
    private static final Pattern DELETE_NAME = Pattern.compile(
            "\\bdelete\\s*+\\(*+\\s*+[A-Za-z_$][A-Za-z0-9_$]*+\\s*+(?![.\\[A-Za-z0-9_$])");

    private NodeScope() {
    }

    /**
     * The wrapper's prefix (up to where the node's code starts, on the same line), or null when the code keeps the
     * proxied scope.
     *
     * @param globalOnly names that resolve to the realm's global object, not to the node's scope
     */
    static @Nullable String prefix(String code, Set<String> globalOnly) {
        if (code.contains("\\u") || DELETE_NAME.matcher(code).find()) {
            return null;
        }
        Set<String> names = new TreeSet<>();
        names.add("payload");
        names.add("next");
        int i = 0;
        while (i < code.length()) {
            char ch = code.charAt(i);
            if (!part(ch)) {
                i++;
                continue;
            }
            int start = i;
            while (i < code.length() && part(code.charAt(i))) {
                i++;
            }
            String word = code.substring(start, i);
            if (!ascii(word)) {
                return null;
            }
            if (PROXIED.contains(word)) {
                return null;
            }
            boolean member = start >= 2 && code.charAt(start - 1) == '.' && memberEnd(code.charAt(start - 2));
            if (!member && !Character.isDigit(word.charAt(0)) && !RESERVED.contains(word) && !globalOnly.contains(word)) {
                names.add(word);
            }
        }
        StringBuilder prefix = new StringBuilder("(function (").append(SCOPE).append(") { var ");
        boolean first = true;
        for (String name : names) {
            if (!first) {
                prefix.append(", ");
            }
            first = false;
            prefix.append(name).append(" = ").append(SCOPE).append('.').append(name);
        }
        return prefix.append("; (function () {").toString();
    }

    /** Ends what {@link #prefix} starts: runs {@code main} and hands the final bindings back to the scope object. */
    static String suffix() {
        return "\n;if (typeof main === 'function') { return main(); } })(); " + SCOPE + ".payload = payload; "
                + SCOPE + ".next = next; })";
    }

    /**
     * Identifier characters, and any non-ASCII character but JavaScript's white space and line terminators (a word
     * with one keeps the proxied scope); editors leave no-break spaces in nFlow apps' code.
     */
    private static boolean part(char ch) {
        return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_' || ch == '$'
                || ch > 127 && Character.getType(ch) != Character.SPACE_SEPARATOR && ch != '\uFEFF' && ch != '\u2028'
                && ch != '\u2029';
    }

    private static boolean ascii(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    private static boolean memberEnd(char ch) {
        return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_' || ch == '$'
                || ch == ')' || ch == ']';
    }
}
