package io.flowstate.server.nflow;

import org.jspecify.annotations.Nullable;

/**
 * Adds {@code <input type="hidden" name="nflow_process_id">} after the start tag of every form of a paused run's page
 * that posts back to the flow (no action, an empty one, the endpoint, or below it), unless the page carries the
 * field already (NFLOW.md §2.3).
 */
final class HiddenProcessField {

    private HiddenProcessField() {
    }

    static String add(String html, String endpoint, String processId) {
        if (html.contains("name=\"nflow_process_id\"") || html.contains("name='nflow_process_id'")) {
            return html;
        }
        // a scan for '<' rather than a case-insensitive regular expression: pages are kilobytes of markup and
        // style, and this runs on every page request
        StringBuilder out = null;
        int copied = 0;
        int at = html.indexOf('<');
        while (at >= 0) {
            int end = formTagEnd(html, at);
            if (end > 0 && postsBack(html.substring(at, end), endpoint)) {
                if (out == null) {
                    out = new StringBuilder(html.length() + 128);
                }
                out.append(html, copied, end)
                        .append("<input type=\"hidden\" name=\"nflow_process_id\" value=\"").append(processId)
                        .append("\">");
                copied = end;
            }
            at = html.indexOf('<', end > 0 ? end : at + 1);
        }
        return out == null ? html : out.append(html, copied, html.length()).toString();
    }

    /** The index after the {@code >} of a {@code <form …>} start tag at {@code at}, or -1 when there is none. */
    private static int formTagEnd(String html, int at) {
        int name = at + 1;
        if (!html.regionMatches(true, name, "form", 0, 4) || name + 4 >= html.length()) {
            return -1;
        }
        char after = html.charAt(name + 4);
        if (Character.isLetterOrDigit(after) || after == '_') {
            return -1;
        }
        int close = html.indexOf('>', name + 4);
        return close < 0 ? -1 : close + 1;
    }

    private static boolean postsBack(String tag, String endpoint) {
        String value = action(tag);
        if (value == null) {
            return true;
        }
        value = value.replace("&amp;", "&");
        return value.isEmpty() || value.equals(endpoint) || value.startsWith(endpoint + "/")
                || value.startsWith(endpoint + "?");
    }

    /**
     * The value of the first {@code action} attribute of a start tag, or null: white space, {@code action} in any
     * case, {@code =} with optional white space around it, and a double-quoted, single-quoted or unquoted value.
     */
    static @Nullable String action(String tag) {
        for (int at = 1; at + 6 <= tag.length(); at++) {
            if (!space(tag.charAt(at - 1)) || !tag.regionMatches(true, at, "action", 0, 6)) {
                continue;
            }
            int i = skipSpace(tag, at + 6);
            if (i >= tag.length() || tag.charAt(i) != '=') {
                continue;
            }
            i = skipSpace(tag, i + 1);
            if (i >= tag.length()) {
                continue;
            }
            char quote = tag.charAt(i);
            if (quote == '"' || quote == '\'') {
                int end = tag.indexOf(quote, i + 1);
                if (end >= 0) {
                    return tag.substring(i + 1, end);
                }
            }
            int end = i;
            while (end < tag.length() && !space(tag.charAt(end)) && tag.charAt(end) != '>') {
                end++;
            }
            if (end > i) {
                return tag.substring(i, end);
            }
        }
        return null;
    }

    private static int skipSpace(String tag, int from) {
        int i = from;
        while (i < tag.length() && space(tag.charAt(i))) {
            i++;
        }
        return i;
    }

    /** White space as a regular expression's {@code \\s}. */
    private static boolean space(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == 0x0B || ch == '\f' || ch == '\r';
    }
}
