package io.flowstate.nflow.run;

import io.flowstate.nflow.app.NflowNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The box library: the built-in modules a {@code js} node names with {@code script} (NFLOW.md §4.2), written for
 * Flowstate, plus {@code <name>.js} files of the modules directory, which add or replace modules.
 */
public final class BoxLibrary {

    /** Built-in module names, in the order of NFLOW.md's table. */
    static final String[] BUILT_IN = {"form", "json", "template", "mustache", "js_set_var", "if_equals", "if_major",
        "js_foreach", "parser_query_param", "_end", "Logout", "Validate Login", "ValidateToken1", "twilio_send_sms",
        "twilio_validate_sms"};

    private final Map<String, String> modules;
    private final Set<String> replaced;

    private BoxLibrary(Map<String, String> modules, Set<String> replaced) {
        this.modules = Map.copyOf(modules);
        this.replaced = Set.copyOf(replaced);
    }

    /** The built-in modules, overlaid by the {@code *.js} files of {@code directory} when it exists. */
    public static BoxLibrary load(@Nullable Path directory) {
        Map<String, String> modules = new LinkedHashMap<>();
        Set<String> replaced = new HashSet<>();
        for (String name : BUILT_IN) {
            modules.put(name, resource("modules/" + name.replace(' ', '_') + ".js"));
        }
        if (directory != null && Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".js")).sorted().toList()) {
                    String name = file.getFileName().toString();
                    modules.put(name.substring(0, name.length() - 3), Files.readString(file, StandardCharsets.UTF_8));
                    replaced.add(name.substring(0, name.length() - 3));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the modules directory " + directory, e);
            }
        }
        return new BoxLibrary(modules, replaced);
    }

    public boolean has(String name) {
        return modules.containsKey(name);
    }

    /** True when {@code node} runs the built-in module {@code name}: named as its script, without inline code. */
    boolean runsBuiltIn(NflowNode node, String name) {
        return !node.data().path("code").isTextual() && name.equals(node.data().path("script").asText(null))
                && builtIn(name);
    }

    /** True for a built-in module that no file of the modules directory replaced. */
    boolean builtIn(String name) {
        return !replaced.contains(name) && Arrays.asList(BUILT_IN).contains(name);
    }

    public Optional<String> code(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    static String resource(String name) {
        try (InputStream in = BoxLibrary.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
