package io.flowstate.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code key=value} command-line arguments of a load driver, over its defaults; an unknown key is an error. */
final class KeyValueArgs {

    private KeyValueArgs() {
    }

    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1 || !values.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("expected one of " + values.keySet() + " as key=value, got '"
                        + arg + "'");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return values;
    }
}
