package io.flowstate.nflow.template;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the HTML a template writes, so that each value is escaped for where it lands (as Go's html/template does):
 * text and ordinary attributes, URL attributes (scheme check, path and query escaping), and {@code <script>}.
 */
final class HtmlContext {

    private enum State { TEXT, TAG, ATTR_NAME, BEFORE_VALUE, VALUE, SCRIPT, COMMENT }

    private static final Set<String> URL_ATTRS = Set.of("href", "src", "action", "formaction", "cite", "data",
            "poster", "background", "longdesc", "usemap", "manifest", "icon", "codebase", "archive", "profile");

    /** Texts at least this long are looked up in {@link #SEEN}; shorter ones are cheaper to read again. */
    private static final int REMEMBERED_LENGTH = 32;
    private static final int MAX_SEEN = 4096;
    /**
     * Where a template's literal text leaves the machine, by where it started: a template's texts start in the same
     * few states on every rendering, so each is read once. Only starts outside a value that holds data are kept
     * (anything else the machine holds comes from the template itself), so the entries are bounded by the templates.
     */
    private static final Map<Transition, Snapshot> SEEN = new ConcurrentHashMap<>();

    /** Everything that decides how later text and values are read. */
    private record Snapshot(State state, String tag, String attr, char quote, String value, String pending) {
    }

    private record Transition(String text, Snapshot from) {
    }

    private State state = State.TEXT;
    private final StringBuilder tag = new StringBuilder();
    private final StringBuilder attr = new StringBuilder();
    private char quote;
    private final StringBuilder value = new StringBuilder();
    private final StringBuilder pending = new StringBuilder();

    /** Feeds literal template text: where a text of this length from this state ends is remembered. */
    void text(String text) {
        if (text.length() < REMEMBERED_LENGTH || !value.isEmpty()) {
            read(text);
            return;
        }
        Transition transition = new Transition(text, snapshot());
        Snapshot end = SEEN.get(transition);
        if (end == null) {
            read(text);
            if (SEEN.size() >= MAX_SEEN) {
                SEEN.clear();
            }
            SEEN.put(transition, snapshot());
        } else {
            restore(end);
        }
    }

    private Snapshot snapshot() {
        return new Snapshot(state, tag.toString(), attr.toString(), quote, value.toString(), pending.toString());
    }

    private void restore(Snapshot snapshot) {
        state = snapshot.state();
        tag.setLength(0);
        tag.append(snapshot.tag());
        attr.setLength(0);
        attr.append(snapshot.attr());
        quote = snapshot.quote();
        value.setLength(0);
        value.append(snapshot.value());
        pending.setLength(0);
        pending.append(snapshot.pending());
    }

    /**
     * Reads literal template text. Runs of characters that cannot change the state (text up to the next {@code <}, a
     * script up to the next {@code t}, a comment up to the next {@code >}, a quoted value up to its quote) are skipped
     * in one go; the result is the same as {@link #step}ping through every character ({@link #stepEach}).
     */
    private void read(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            int stop = switch (state) {
                case TEXT -> text.indexOf('<', i);
                case SCRIPT -> nextT(text, i);
                case COMMENT -> text.indexOf('>', i);
                case VALUE -> quote == 0 ? i : text.indexOf(quote, i);
                default -> i;
            };
            if (stop < 0) {
                stop = n;
            }
            if (stop > i) {
                skip(text, i, stop);
            }
            if (stop < n) {
                step(text.charAt(stop));
            }
            i = stop + 1;
        }
    }

    /** The plain machine, one character at a time: what {@link #text} must agree with. */
    void stepEach(String text) {
        for (int i = 0; i < text.length(); i++) {
            step(text.charAt(i));
        }
    }

    /** The state, for tests: everything that decides how later text and values are read. */
    String describe() {
        int tail = Math.max(0, pending.length() - 8);
        return state + "|" + tag + "|" + attr + "|" + (int) quote + "|" + value + "|" + pending.substring(tail);
    }

    /** What {@link #step} would do with {@code text[from, to)}, none of which changes the state. */
    private void skip(String text, int from, int to) {
        switch (state) {
            case SCRIPT, COMMENT -> {
                if (to - from >= 16) {
                    pending.setLength(0);
                    pending.append(text, to - 16, to);
                } else {
                    for (int i = from; i < to; i++) {
                        remember(text.charAt(i));
                    }
                }
            }
            case VALUE -> value.append(text, from, to);
            default -> {
            }
        }
    }

    private static int nextT(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == 't' || ch == 'T') {
                return i;
            }
        }
        return -1;
    }

    /** Escapes {@code v} for the current context; the escaped text is part of an attribute value if in one. */
    String escape(Object v) {
        String out;
        switch (state) {
            case VALUE -> {
                String raw = GoValues.text(v);
                if (URL_ATTRS.contains(attr.toString())) {
                    out = attribute(url(raw));
                } else {
                    out = attribute(raw);
                }
                if (quote == 0) {
                    out = out.replace(" ", "&#32;");
                }
                value.append(raw);
            }
            case SCRIPT -> out = script(v);
            case TAG, ATTR_NAME, BEFORE_VALUE -> out = attribute(GoValues.text(v));
            default -> out = v instanceof SafeHtml html ? html.html() : attribute(GoValues.text(v));
        }
        return out;
    }

    private void step(char ch) {
        switch (state) {
            case TEXT -> {
                if (ch == '<') {
                    pending.setLength(0);
                    state = State.TAG;
                    tag.setLength(0);
                }
            }
            case COMMENT -> {
                remember(ch);
                if (ch == '>' && endsWith("-->")) {
                    state = State.TEXT;
                }
            }
            case SCRIPT -> {
                remember(ch);
                if ((ch == 't' || ch == 'T') && endsWith("</script")) {
                    state = State.TAG;
                    tag.setLength(0);
                    tag.append("/script");
                    pending.setLength(0);
                }
            }
            case TAG -> {
                if (tag.isEmpty() && pending.isEmpty() && ch == '!') {
                    pending.append(ch);
                } else if (!pending.isEmpty() && pending.charAt(0) == '!') {
                    pending.append(ch);
                    if (pending.length() == 3 && pending.charAt(1) == '-' && pending.charAt(2) == '-') {
                        pending.setLength(0);
                        state = State.COMMENT;
                    } else if (ch == '>') {
                        state = State.TEXT;
                    }
                } else if (ch == '>') {
                    endTag();
                } else if (Character.isWhitespace(ch) || ch == '/') {
                    if (!tag.isEmpty() && !(tag.length() == 1 && tag.charAt(0) == '/')) {
                        state = State.ATTR_NAME;
                        attr.setLength(0);
                    } else if (ch == '/') {
                        tag.append('/');
                    }
                } else {
                    tag.append(Character.toLowerCase(ch));
                }
            }
            case ATTR_NAME -> {
                if (ch == '>') {
                    endTag();
                } else if (ch == '=') {
                    state = State.BEFORE_VALUE;
                } else if (Character.isWhitespace(ch) || ch == '/') {
                    if (!attr.isEmpty()) {
                        attr.append(' ');
                    }
                } else {
                    if (!attr.isEmpty() && attr.charAt(attr.length() - 1) == ' ') {
                        attr.setLength(0);
                    }
                    attr.append(Character.toLowerCase(ch));
                }
            }
            case BEFORE_VALUE -> {
                if (ch == '"' || ch == '\'') {
                    quote = ch;
                    value.setLength(0);
                    state = State.VALUE;
                } else if (ch == '>') {
                    endTag();
                } else if (!Character.isWhitespace(ch)) {
                    quote = 0;
                    value.setLength(0);
                    value.append(ch);
                    state = State.VALUE;
                }
            }
            case VALUE -> {
                if ((quote != 0 && ch == quote) || (quote == 0 && Character.isWhitespace(ch))) {
                    state = State.ATTR_NAME;
                    attr.setLength(0);
                } else if (quote == 0 && ch == '>') {
                    endTag();
                } else {
                    value.append(ch);
                }
            }
        }
    }

    /** Keeps the last characters of a script or comment, enough to see its end, without growing. */
    private void remember(char ch) {
        if (pending.length() >= 64) {
            pending.delete(0, pending.length() - 16);
        }
        pending.append(ch);
    }

    /** Whether the remembered characters end with {@code suffix}, ignoring ASCII case. */
    private boolean endsWith(String suffix) {
        int offset = pending.length() - suffix.length();
        if (offset < 0) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (Character.toLowerCase(pending.charAt(offset + i)) != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void endTag() {
        pending.setLength(0);
        state = "script".contentEquals(tag) ? State.SCRIPT : State.TEXT;
    }

    static String attribute(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append("&#39;");
                case '"' -> out.append("&#34;");
                case '\0' -> out.append('\uFFFD');
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private String url(String raw) {
        String before = value.toString();
        if (before.isEmpty()) {
            int colon = raw.indexOf(':');
            int cut = firstOf(raw, "/?#");
            if (colon >= 0 && (cut < 0 || colon < cut)) {
                String scheme = raw.substring(0, colon).toLowerCase(Locale.ROOT);
                if (!Set.of("http", "https", "mailto").contains(scheme)) {
                    return "#ZgotmplZ";
                }
            }
        }
        boolean query = before.indexOf('?') >= 0 || before.indexOf('#') >= 0;
        StringBuilder out = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~".indexOf(c) >= 0;
            boolean keep = query ? unreserved : unreserved || "!#$&*+,/:;=?@[]%'()".indexOf(c) >= 0;
            if (keep) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return out.toString();
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String script(Object v) {
        Object u = GoValues.unwrap(v);
        String json = u instanceof SafeHtml html ? io.flowstate.core.json.Json.text(GoValues.json(html.html()))
                : io.flowstate.core.json.Json.text(GoValues.json(u));
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
