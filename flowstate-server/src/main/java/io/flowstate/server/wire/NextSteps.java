package io.flowstate.server.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.flow.FormStep;
import io.flowstate.core.json.Json;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code nextStep} object of a waiting process, {@code {"id", "type", "title", "schema"}}: fixed per flow and
 * step, so it is built and written as JSON once per form step (a {@link PrewrittenObject}) instead of for every
 * answer. A profile of a form step put a tenth of the handler's time in writing the form's schema again.
 */
final class NextSteps {

    /** flow id, then step id: two look-ups with the strings the caller holds, nothing built per call. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Entry>> byFlow = new ConcurrentHashMap<>();

    /** The kept object for {@code form}, waiting as {@code stepId} in flow {@code flowId}; never to be changed. */
    ObjectNode of(String flowId, String stepId, FormStep form) {
        ConcurrentHashMap<String, Entry> steps = byFlow.get(flowId);
        if (steps == null) {
            steps = byFlow.computeIfAbsent(flowId, id -> new ConcurrentHashMap<>());
        }
        Entry entry = steps.get(stepId);
        // the same step object, not an equal one: a catalogue with a new version of the flow builds it again
        if (entry == null || entry.form != form) {
            entry = new Entry(form, PrewrittenObject.of(build(stepId, form)));
            steps.put(stepId, entry);
        }
        return entry.node;
    }

    /** The object as it is built without keeping it. */
    static ObjectNode build(String stepId, FormStep form) {
        ObjectNode next = Json.object().put("id", stepId).put("type", form.type());
        if (form.title() != null) {
            next.put("title", form.title());
        }
        next.set("schema", form.schema());
        return next;
    }

    private record Entry(FormStep form, ObjectNode node) {
    }
}
