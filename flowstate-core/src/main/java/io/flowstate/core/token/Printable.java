package io.flowstate.core.token;

import java.util.Collection;
import java.util.stream.Collectors;

/** Makes values taken from an untrusted token safe to put into a log line: short and without control characters. */
final class Printable {

    private static final int MAX = 80;

    private Printable() {
    }

    static String value(String raw) {
        if (raw == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < raw.length() && i < MAX; i++) {
            char c = raw.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
        }
        return out.append(raw.length() > MAX ? "…'" : "'").toString();
    }

    static String names(Collection<String> raw) {
        return raw.stream().sorted().limit(8).map(Printable::value).collect(Collectors.joining(", "));
    }
}
