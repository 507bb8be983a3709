package io.flowstate.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.List;

/**
 * The dependency rules of the design (DESIGN.md §2) over a root package, so that the same rules check the real
 * code ({@code io.flowstate}) and, in {@link LayeringRulesTest}, fixtures that break them on purpose.
 *
 * <ul>
 *   <li>no package depends on another that depends back on it, however long the way round;</li>
 *   <li>the core imports no store implementation, script, server or nFlow code;</li>
 *   <li>the stores (SQLite, Redis), the script sandbox and the store test kit see only the core;</li>
 *   <li>the server may see everything above, but its edge (HTTP, SSE, WebSocket, token routes) goes through
 *       the engine: it never imports the store SPI or a store module.</li>
 * </ul>
 */
final class Layering {

    /** The server packages that speak to clients. */
    static final List<String> EDGE = List.of("server.http", "server.sse", "server.websocket", "server.token");

    private Layering() {
    }

    /** Every rule, for the packages under {@code root}. */
    static List<ArchRule> rules(String root) {
        return List.of(
                noCycles(root),
                onlySees(root, "core"),
                onlySees(root, "script", "core"),
                onlySees(root, "sqlite", "core"),
                onlySees(root, "redis", "core"),
                onlySees(root, "testkit", "core"),
                serverSeesNoTestCode(root),
                edgeGoesThroughTheEngine(root));
    }

    /** Each package is a slice; a cycle of any length between them fails. */
    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a package cycle ties packages together so that neither can change or move alone");
    }

    /** Classes of {@code layer} depend on no class under {@code root} outside {@code layer} and {@code allowed}. */
    static ArchRule onlySees(String root, String layer, String... allowed) {
        String[] own = Arrays.stream(concat(layer, allowed)).map(p -> root + "." + p + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "." + layer + "..")
                .should().dependOnClassesThat(resideInAPackage(root + "..").and(resideOutsideOfPackages(own)))
                .as(layer + " sees only " + (allowed.length == 0 ? "itself" : String.join(", ", allowed)))
                .because("DESIGN.md §2 keeps the dependency direction: core at the bottom, the server on top")
                .allowEmptyShould(true); // a module may not exist yet (nFlow); ArchitectureTest checks who is there
    }

    /** The server may use every module, but not the test kit or the benchmarks. */
    static ArchRule serverSeesNoTestCode(String root) {
        return noClasses().that().resideInAPackage(root + ".server..")
                .should().dependOnClassesThat(resideInAnyPackage(root + ".testkit..", root + ".bench.."))
                .as("server depends on no test kit or benchmark")
                .because("test code is not shipped with the server")
                .allowEmptyShould(true);
    }

    /** The edge packages reach state only through the engine. */
    static ArchRule edgeGoesThroughTheEngine(String root) {
        String[] edge = EDGE.stream().map(p -> root + "." + p + "..").toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(edge)
                .should().dependOnClassesThat(resideInAnyPackage(
                        root + ".core.store..", root + ".sqlite..", root + ".redis.."))
                .as("the server's edge (" + String.join(", ", EDGE) + ") imports no store")
                .because("the edge asks the engine, which alone decides what is written and how")
                .allowEmptyShould(true);
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
