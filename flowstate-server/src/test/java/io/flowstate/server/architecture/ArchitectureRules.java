package io.flowstate.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layering of docs/architecture.md as rules over a root package ({@code io.flowstate} for the product, another
 * root for the fixture that proves each rule fails when it should):
 * <ul>
 *   <li>no package cycles anywhere;</li>
 *   <li>core imports no other module; inside core, the model ({@code json}, {@code process}) imports nothing of
 *       core, {@code flow}, {@code store} and {@code token} import only the model, and only {@code engine} sees
 *       them all;</li>
 *   <li>the script module and the stores see only core (and a store no other store);</li>
 *   <li>the server's edge (routes, streams, token mode, wire types) never holds a store: it goes through the
 *       engine.</li>
 * </ul>
 */
final class ArchitectureRules {

    /** Product classes only: test classes and test jars (fixtures, doubles) are not part of the layering. */
    static final ImportOption MAIN_CLASSES = (Location location) -> !location.contains("/test-classes/")
            && !location.contains("-tests.jar");

    private ArchitectureRules() {
    }

    static List<ArchRule> all(String root) {
        return Stream.of(List.of(noCycles(root)), core(root), modules(root), List.of(edgeHoldsNoStore(root)))
                .flatMap(List::stream).toList();
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles().allowEmptyShould(true);
    }

    static List<ArchRule> core(String root) {
        String core = root + ".core";
        return List.of(
                noClasses().that().resideInAPackage(core + "..").should().dependOnClassesThat()
                        .resideInAnyPackage(others(root, "core")).allowEmptyShould(true)
                        .because("core is the bottom layer: it imports no other module"),
                noClasses().that().resideInAnyPackage(core + ".json..", core + ".process..").should()
                        .dependOnClassesThat().resideInAnyPackage(core + ".flow..", core + ".store..",
                                core + ".token..", core + ".engine..").allowEmptyShould(true)
                        .because("the model (json, process) is what every other package of core builds on"),
                noClasses().that().resideInAnyPackage(core + ".flow..", core + ".store..", core + ".token..")
                        .should().dependOnClassesThat().resideInAnyPackage(core + ".engine..").allowEmptyShould(true)
                        .because("only the engine sees flows, stores and tokens together"));
    }

    static List<ArchRule> modules(String root) {
        return Stream.of("script", "sqlite", "redis")
                .map(module -> noClasses().that().resideInAPackage(root + "." + module + "..").should()
                        .dependOnClassesThat().resideInAnyPackage(others(root, "core", module))
                        .allowEmptyShould(true)
                        .because(module + " sees only core"))
                .toList();
    }

    static ArchRule edgeHoldsNoStore(String root) {
        String server = root + ".server";
        return noClasses().that().resideInAnyPackage(server + ".http..", server + ".sse..", server + ".websocket..",
                        server + ".token..", server + ".wire..")
                .should().dependOnClassesThat().haveFullyQualifiedName(root + ".core.store.ProcessStore")
                .orShould().dependOnClassesThat().resideInAnyPackage(root + ".sqlite..", root + ".redis..")
                .allowEmptyShould(true)
                .because("the edge reaches the store only through the engine");
    }

    /** Every module's packages but the allowed ones. */
    private static String[] others(String root, String... allowed) {
        List<String> modules = List.of("core", "script", "sqlite", "redis", "nflow", "server", "testkit", "bench");
        return modules.stream().filter(m -> !List.of(allowed).contains(m)).map(m -> root + "." + m + "..")
                .toArray(String[]::new);
    }
}
