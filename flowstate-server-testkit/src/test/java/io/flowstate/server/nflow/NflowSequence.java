package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A request sequence as a browser sends it to an nFlow app, played in one mode, answering what must be the same in
 * every mode: status, content type and body, without what says where the run is kept (the process id's hidden field,
 * the ids of the JSON representation, times, the mode) and without values random by design ({@code uuid()}).
 * While it plays it checks what the mode promises: in session mode no answer names the run.
 */
final class NflowSequence {

    private static final Pattern PROCESS_FIELD = Pattern.compile(
            "<input type=\"hidden\" name=\"nflow_process_id\" value=\"[^\"]*\">");

    /**
     * One request: {@code get} a path, {@code post} fields to a path, {@code submit} the form of the page answered
     * {@code page} requests ago's form (1 = the last) with fields, or read the run's {@code representation}.
     */
    record Step(String kind, String path, int page, Map<String, String> fields) {
        static Step get(String path) {
            return new Step("get", path, 0, Map.of());
        }

        static Step post(String path, Map<String, String> fields) {
            return new Step("post", path, 0, fields);
        }

        static Step submit(Map<String, String> fields) {
            return new Step("submit", "", 1, fields);
        }

        static Step submitEarlier(int pagesAgo, Map<String, String> fields) {
            return new Step("submit", "", pagesAgo, fields);
        }

        static Step representation() {
            return new Step("representation", "", 0, Map.of());
        }

        /** Fields in the order given (a claim overrides the page's hidden {@code nflow_next_node_run}). */
        static Map<String, String> fields(String... namesAndValues) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                fields.put(namesAndValues[i], namesAndValues[i + 1]);
            }
            return fields;
        }
    }

    private NflowSequence() {
    }

    /** Plays {@code steps} with a new browser; {@code mode} is the mode every starter answer must say. */
    static List<String> play(int port, String mode, String flowId, List<Step> steps) {
        Browser browser = new Browser(port);
        boolean session = mode.equals("session");
        List<Browser.Page> pages = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        String processId = "";
        for (Step step : steps) {
            Browser.Page page = switch (step.kind()) {
                case "get" -> browser.get(step.path());
                case "post" -> browser.post(step.path(), step.fields());
                case "submit" -> browser.submit(withForm(pages, step.page()), step.fields());
                default -> browser.get(session ? "/session/" + flowId : "/process/" + processId);
            };
            if (!step.kind().equals("representation")) {
                assertThat(page.header("Flowstate-Mode")).as(step + ": " + page.body()).isEqualTo(mode);
                if (session) {
                    assertThat(page.header("Flowstate-Process-Id")).as(step.toString()).isEmpty();
                    assertThat(page.body()).as(step.toString()).doesNotContain("nflow_process_id");
                    assertThat(page.response().headers().allValues("Set-Cookie")).as(step.toString())
                            .noneMatch(cookie -> cookie.startsWith("flowstate_pid_"));
                } else if (!page.header("Flowstate-Process-Id").isEmpty()) {
                    processId = page.header("Flowstate-Process-Id");
                }
                pages.add(page);
            }
            answers.add(comparable(page));
        }
        return answers;
    }

    private static Browser.Page withForm(List<Browser.Page> pages, int pagesAgo) {
        int seen = 0;
        for (int i = pages.size() - 1; i >= 0; i--) {
            if (pages.get(i).document().selectFirst("form") != null && ++seen == pagesAgo) {
                return pages.get(i);
            }
        }
        throw new AssertionError("no page with a form " + pagesAgo + " pages ago");
    }

    private static String comparable(Browser.Page page) {
        String type = page.header("Content-Type");
        String body = page.body();
        if (type.contains("json") && body.trim().startsWith("{")) {
            ObjectNode json;
            try {
                json = (ObjectNode) Json.parse(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            strip(json);
            body = json.toString();
        } else {
            body = PROCESS_FIELD.matcher(body).replaceAll("");
        }
        return page.status() + " " + type + " " + body;
    }

    private static void strip(ObjectNode node) {
        node.remove(List.of("processId", "mode", "createdAt", "updatedAt", "expiresAt", "detail", "instance"));
        for (String random : List.of("state", "result")) {
            if (node.get(random) instanceof ObjectNode inner) {
                inner.remove("ids");
            }
        }
        node.remove("ids");
        JsonNode current = node.get("current");
        if (current instanceof ObjectNode inner) {
            strip(inner);
        }
    }
}
