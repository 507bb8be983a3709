package io.flowstate.nflow.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import io.flowstate.core.json.Json;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

/** Standard Mustache (mustache.java) over JSON data: {@code {{x}}} escapes HTML, {@code {{{x}}}} does not. */
public final class MustacheTemplate {

    private static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory();

    private MustacheTemplate() {
    }

    /** Renders {@code text} with {@code data}; a template that does not compile throws {@link TemplateException}. */
    public static String render(String text, JsonNode data) {
        try {
            Mustache mustache = FACTORY.compile(new StringReader(text), "nflow");
            StringWriter out = new StringWriter();
            Object scope = Json.mapper().convertValue(data, Object.class);
            mustache.execute(out, scope == null ? Map.of() : scope);
            return out.toString();
        } catch (MustacheException e) {
            throw new TemplateException("mustache: " + e.getMessage());
        }
    }
}
