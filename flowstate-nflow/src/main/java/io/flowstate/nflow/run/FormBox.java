package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowstate.core.json.Json;
import io.flowstate.nflow.app.NflowNode;
import io.flowstate.nflow.template.PageTemplates;
import io.flowstate.nflow.template.TemplateException;
import org.jspecify.annotations.Nullable;

/**
 * The box library's {@code form} module (NFLOW.md §4.2) in Java: what {@code modules/form.js} does, without a trip
 * through the JavaScript interpreter, which is most of a page request's time otherwise. Used for the built-in module
 * when the node's fields are text (or absent); a module of the same name in {@code nflow.modules}, or fields of
 * another type, run the JavaScript module as before.
 */
final class FormBox {

    static final String NAME = "form";

    private FormBox() {
    }

    /** True when {@code node} is a built-in form box that this class renders exactly as {@code form.js} does. */
    static boolean handles(NflowNode node, BoxLibrary library) {
        JsonNode data = node.data();
        return library.runsBuiltIn(node, NAME) && textOrAbsent(data, "html_form")
                && textOrAbsent(data, "template") && textOrAbsent(data, "name_box");
    }

    /**
     * Renders the form's page into the answer and marks the payload to pause.
     *
     * @return null, or the message of a template error (the node then fails as the module's {@code throw} would)
     */
    static @Nullable String run(RunContext run, NflowNode node, ObjectNode payload, PageTemplates templates) {
        JsonNode data = node.data();
        String target = node.target("output_1");
        String next = target == null ? "" : target;
        ObjectNode d = Json.object();
        d.put("form_code", "");
        d.put("action", "/nflow/node/run/" + run.flow().tab() + "/" + next);
        d.put("next", next);
        d.set("payload", payload);
        ObjectNode profile = run.services().profile();
        d.set("profile", profile == null ? Json.object() : profile);
        d.put("url", run.request().endpoint());
        d.set("name", TextNode.valueOf(data.path("name_box").asText("")));
        d.put("process_id", run.processId());
        try {
            d.put("form_code", templates.go(data.path("html_form").asText(""), d));
            run.answer().write("html", 200, templates.go(templates.page(data.path("template").asText("")), d));
        } catch (TemplateException e) {
            return "Error: " + e.getMessage();
        }
        payload.put("break", true);
        return null;
    }

    private static boolean textOrAbsent(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() || value.isTextual();
    }
}
