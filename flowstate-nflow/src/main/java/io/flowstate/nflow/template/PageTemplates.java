package io.flowstate.nflow.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The page templates of {@code nflow.templates} ({@code get_template(n)}: {@code n.html}, {@code n.tmpl}, {@code n})
 * and the compiled form of every template text rendered, cached.
 */
public final class PageTemplates {

    private static final int MAX_CACHED = 1024;

    private final @Nullable Path directory;
    private final ConcurrentHashMap<String, Optional<String>> pages = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, GoTemplate> compiled = new ConcurrentHashMap<>();

    /** @param directory where page templates live, or null for none */
    public PageTemplates(@Nullable Path directory) {
        this.directory = directory;
    }

    /** The text of page template {@code name}; throws {@link TemplateException} when there is none. */
    public String page(String name) {
        Optional<String> text = pages.computeIfAbsent(name, this::read);
        return text.orElseThrow(() -> new TemplateException("template '" + name + "' not found"));
    }

    private Optional<String> read(String name) {
        if (directory == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            return Optional.empty();
        }
        for (String candidate : new String[] {name + ".html", name + ".tmpl", name}) {
            Path file = directory.resolve(candidate);
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new TemplateException("template '" + name + "' cannot be read");
                }
            }
        }
        return Optional.empty();
    }

    /** Renders Go-template {@code text} with {@code data}. */
    public String go(String text, JsonNode data) {
        GoTemplate template = compiled.get(text);
        if (template == null) {
            if (compiled.size() >= MAX_CACHED) {
                compiled.clear();
            }
            template = GoTemplate.parse(text);
            compiled.put(text, template);
        }
        return template.render(data);
    }

    /** Renders Mustache {@code text} with {@code data}. */
    public String mustache(String text, JsonNode data) {
        return MustacheTemplate.render(text, data);
    }
}
