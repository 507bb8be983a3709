package io.flowstate.core.flow;

import io.flowstate.core.flow.InputValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The flows a server runs, loaded from one directory ({@code *.json}, {@code *.yaml}, {@code *.yml}, one flow
 * per file). A broken file is reported in {@link #errors()} and skipped; the other flows still load.
 */
public final class FlowCatalog {

    /** A file that did not load, with the reason. */
    public record LoadError(Path path, String reason) {
    }

    private final Map<String, Flow> flows;
    private final List<LoadError> errors;

    private FlowCatalog(Collection<Flow> flows, List<LoadError> errors) {
        Map<String, Flow> byId = new LinkedHashMap<>();
        for (Flow flow : flows) {
            byId.put(flow.id(), flow);
        }
        this.flows = Collections.unmodifiableMap(byId);
        this.errors = List.copyOf(errors);
    }

    public static FlowCatalog of(Flow... flows) {
        return new FlowCatalog(List.of(flows), List.of());
    }

    /** Loads every flow file in {@code directory} (not recursive), in file-name order. */
    public static FlowCatalog load(Path directory, InputValidator validator) throws IOException {
        FlowParser parser = new FlowParser(validator);
        List<Flow> loaded = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(Files::isRegularFile).filter(FlowCatalog::isFlowFile).sorted().toList();
        }
        for (Path file : files) {
            try {
                Flow flow = parser.parse(Files.readAllBytes(file), !file.toString().endsWith(".json"));
                Path previous = seen.putIfAbsent(flow.id(), file);
                if (previous != null) {
                    errors.add(new LoadError(file, "flow id '" + flow.id() + "' is already defined by " + previous));
                } else {
                    loaded.add(flow);
                }
            } catch (FlowDefinitionException e) {
                errors.add(new LoadError(file, String.valueOf(e.getMessage())));
            } catch (IOException e) {
                errors.add(new LoadError(file, "cannot read: " + e.getMessage()));
            }
        }
        return new FlowCatalog(loaded, errors);
    }

    private static boolean isFlowFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /**
     * This catalog plus flows loaded by another reader (nFlow apps), without the load errors of the files that reader
     * owns; a flow whose id is taken already is left out and reported.
     */
    public FlowCatalog with(Collection<Flow> more, java.util.function.Predicate<Path> ownedElsewhere) {
        List<Flow> all = new ArrayList<>(flows.values());
        List<LoadError> kept = new ArrayList<>(errors.stream().filter(e -> !ownedElsewhere.test(e.path())).toList());
        for (Flow flow : more) {
            if (flows.containsKey(flow.id())) {
                kept.add(new LoadError(Path.of(flow.id()), "flow id '" + flow.id() + "' is already defined"));
            } else {
                all.add(flow);
            }
        }
        return new FlowCatalog(all, kept);
    }

    public Optional<Flow> find(String flowId) {
        return Optional.ofNullable(flows.get(flowId));
    }

    public Collection<Flow> all() {
        return flows.values();
    }

    public List<LoadError> errors() {
        return errors;
    }
}
