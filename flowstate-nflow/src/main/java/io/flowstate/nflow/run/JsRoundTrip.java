package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * Whether a payload comes back unchanged from a node that leaves it alone in JavaScript ({@code JSON.parse}, then
 * {@code JSON.stringify}): so a box done in Java may skip the interpreter without the payload noticing. Numbers
 * change (JavaScript keeps doubles: {@code 100.00} comes back as {@code 100}), and so does the order of keys that
 * are array indexes ({@code "2"} before {@code "b"}, whatever the order written); text, booleans and null do not.
 */
final class JsRoundTrip {

    private JsRoundTrip() {
    }

    static boolean unchanged(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                if (isArrayIndex(names.next())) {
                    return false;
                }
            }
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (!unchanged(child)) {
                    return false;
                }
            }
            return true;
        }
        return node.isTextual() || node.isBoolean() || node.isNull();
    }

    /** ECMAScript's array index: a canonical decimal below 2³² − 1 ("0", "7", not "07" or "-1"). */
    static boolean isArrayIndex(String name) {
        int length = name.length();
        if (length == 0 || length > 10 || length > 1 && name.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char ch = name.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return Long.parseLong(name) < 0xFFFF_FFFFL;
    }
}
