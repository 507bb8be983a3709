package io.flowstate.server.nflow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds {@code <input type="hidden" name="nflow_process_id">} after the start tag of every form of a paused run's page
 * that posts back to the flow (no action, an empty one, the endpoint, or below it), unless the page carries the
 * field already (NFLOW.md §2.3).
 */
final class HiddenProcessField {

    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("\\saction\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
            Pattern.CASE_INSENSITIVE);

    private HiddenProcessField() {
    }

    static String add(String html, String endpoint, String processId) {
        if (html.contains("name=\"nflow_process_id\"") || html.contains("name='nflow_process_id'")) {
            return html;
        }
        Matcher form = FORM.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 128);
        while (form.find()) {
            String tag = form.group();
            String replacement = postsBack(tag, endpoint)
                    ? tag + "<input type=\"hidden\" name=\"nflow_process_id\" value=\"" + processId + "\">"
                    : tag;
            form.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        form.appendTail(out);
        return out.toString();
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
