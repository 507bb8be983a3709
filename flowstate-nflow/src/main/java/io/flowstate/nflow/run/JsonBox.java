package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.nflow.app.NflowNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The box library's {@code json} module (NFLOW.md §4.2) in Java, for the case that ends most nFlow apps: answering the
 * whole payload. It answers what {@code modules/json.js} answers through {@code c.JSON} (Go's encoding: keys sorted,
 * HTML-safe strings, trailing newline) without starting the interpreter. Anything this class would have to imitate
 * JavaScript for — a {@code field} path, an {@code http_code} that {@code parseInt} reads in an unusual way, a payload
 * that JavaScript would hand back changed (a number, which it prints its own way; a key it reorders:
 * {@link JsRoundTrip}) — runs the JavaScript module as before.
 */
final class JsonBox {

    static final String NAME = "json";

    private static final Pattern PLAIN_CODE = Pattern.compile("[0-9]{1,3}");

    private JsonBox() {
    }

    /** True when {@code node} is a built-in json box answering the whole payload with a plain status code. */
    static boolean handles(NflowNode node, BoxLibrary library, ObjectNode payload) {
        JsonNode data = node.data();
        if (!library.runsBuiltIn(node, NAME)) {
            return false;
        }
        JsonNode field = data.get("field");
        boolean whole = field == null || field.isNull() || field.isTextual() && (field.asText().isEmpty()
                || field.asText().equals("*"));
        JsonNode code = data.get("http_code");
        boolean plainCode = code == null || code.isNull() || code.isTextual() && (code.asText().isEmpty()
                || PLAIN_CODE.matcher(code.asText()).matches());
        return whole && plainCode && JsRoundTrip.unchanged(payload);
    }

    /** Writes the payload as the module's {@code c.JSON} would; the payload is left as it was. */
    static void run(RunContext run, NflowNode node, ObjectNode payload) {
        String code = node.data().path("http_code").asText("");
        int status = code.isEmpty() ? 200 : Integer.parseInt(code);
        StringBuilder out = new StringBuilder(256);
        write(payload, out);
        run.answer().write("json", status, out.append('\n').toString());
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.asText(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else {
            out.append("null");
        }
    }

    /** Go's string encoding as {@code runtime.js} writes it (its {@code goString}). */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> {
                    if (ch < 0x20) {
                        out.append("\\u00").append(ch < 0x10 ? "0" : "").append(Integer.toHexString(ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
