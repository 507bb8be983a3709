package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.nflow.app.NflowNode;
import java.util.Set;

/**
 * The box library's {@code if_equals} module (NFLOW.md §4.2) in Java, for what apps use it for: a text field of the
 * payload against a text value. It picks the output {@code modules/if_equals.js} picks ({@code payload[field] ==
 * value}) without starting the interpreter. Whatever JavaScript's loose equality would convert (a number, boolean,
 * object or null under the field, a value that is not text), a field that names what every object inherits
 * ({@code toString}, {@code __proto__}, …), and a payload that JavaScript would hand back changed
 * ({@link JsRoundTrip}) run the module as before.
 */
final class IfEqualsBox {

    static final String NAME = "if_equals";

    private static final Set<String> INHERITED = Set.of("constructor", "__proto__", "hasOwnProperty",
            "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf", "__defineGetter__",
            "__defineSetter__", "__lookupGetter__", "__lookupSetter__");

    private IfEqualsBox() {
    }

    /** True when {@code node} is a built-in if_equals box comparing a text field with a text value. */
    static boolean handles(NflowNode node, BoxLibrary library, ObjectNode payload) {
        if (!library.runsBuiltIn(node, NAME)) {
            return false;
        }
        JsonNode data = node.data();
        JsonNode field = data.get("field");
        JsonNode value = data.get("value");
        if (field == null || !field.isTextual() || value == null || !value.isTextual()
                || INHERITED.contains(field.asText())) {
            return false;
        }
        JsonNode actual = payload.get(field.asText());
        return (actual == null || actual.isTextual()) && JsRoundTrip.unchanged(payload);
    }

    /** The output the module would choose; the payload is left as it was. */
    static String output(NflowNode node, ObjectNode payload) {
        JsonNode actual = payload.get(node.data().get("field").asText());
        return actual != null && actual.asText().equals(node.data().get("value").asText()) ? "output_1" : "output_2";
    }
}
