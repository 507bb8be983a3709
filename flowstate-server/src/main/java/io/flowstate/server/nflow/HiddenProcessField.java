package io.flowstate.server.nflow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds {@code <input type="hidden" name="nflow_process_id">} after the start tag of every form of a paused run's page
 * that posts back to the flow (no action, an empty one, the endpoint, or below it), unless the page carries the
 * field already (NFLOW.md §2.3).
 */
final class HiddenProcessField {

    private static final Pattern ACTION = Pattern.compile("\\saction\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
            Pattern.CASE_INSENSITIVE);

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
        Matcher action = ACTION.matcher(tag);
        if (!action.find()) {
            return true;
        }
        String value = action.group(2) != null ? action.group(2) : action.group(3) != null ? action.group(3)
                : action.group(4);
        value = value.replace("&amp;", "&");
        return value.isEmpty() || value.equals(endpoint) || value.startsWith(endpoint + "/")
                || value.startsWith(endpoint + "?");
    }
}
