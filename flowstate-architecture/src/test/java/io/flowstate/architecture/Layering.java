package io.flowstate.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layering of docs/architecture.md (DESIGN.md §2) as rules over a root package, so that the same rules check
 * the product ({@code io.flowstate}) and, in {@link LayeringRulesTest}, fixtures that break them on purpose.
 *
 * <ul>
 *   <li>no package depends on another that depends back on it, however long the way round;</li>
 *   <li>the core imports no other module; inside it, the model ({@code json}, {@code process}) imports nothing
 *       else of core, {@code flow}, {@code store} and {@code token} import only the model, and only
 *       {@code engine} sees them all;</li>
 *   <li>the script sandbox, each store and the store test kit see only the core;</li>
 *   <li>the server may see every module but no test code, and its edge (routes, streams, token mode, wire types)
 *       never holds a {@code ProcessStore} nor imports a store module: it goes through the engine;</li>
 *   <li>the peer engines the benchmarks compare against (Flowable, Camunda, their H2 and MyBatis) are seen by the
 *       benchmarks' {@code bench.peers} package alone.</li>
 * </ul>
 * Rules about a layer that has no classes (a module not written yet) pass; {@link ArchitectureTest} checks that
 * every module that exists was imported.
 */
final class Layering {

    /** The server packages that speak to clients. */
    static final List<String> EDGE = List.of("server.http", "server.sse", "server.websocket", "server.token",
            "server.auth", "server.wire", "server.session");

    /** The top-level packages of the product's modules (the server's own test kit lives under server). */
    static final List<String> MODULES = List.of("core", "script", "sqlite", "redis", "nflow", "testkit", "server",
            "bench");

    /** The libraries of the benchmarks' peers: the engines and what they run on. */
    static final List<String> PEER_ENGINES = List.of("org.flowable..", "org.camunda..", "org.h2..",
            "org.apache.ibatis..");

    private Layering() {
    }

    /** Every rule, for the packages under {@code root}. */
    static List<ArchRule> rules(String root) {
        return Stream.of(
                Stream.of(noCycles(root), onlySees(root, "core")),
                core(root).stream(),
                Stream.of(onlySees(root, "script", "core"), onlySees(root, "sqlite", "core"),
                        onlySees(root, "redis", "core"), onlySees(root, "testkit", "core"),
                        onlySees(root, "nflow", "core", "script"),
                        serverSeesNoTestCode(root), edgeHoldsNoStore(root),
                        peersStayInTheBench(root, PEER_ENGINES)))
                .flatMap(s -> s).toList();
    }

    /** Each package is a slice; a cycle of any length between them fails. */
    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a package cycle ties packages together so that neither can change or move alone");
    }

    /** Classes of module {@code layer} depend on no other module of the product than {@code allowed}. */
    static ArchRule onlySees(String root, String layer, String... allowed) {
        List<String> own = Stream.concat(Stream.of(layer), Stream.of(allowed)).toList();
        String[] others = MODULES.stream().filter(m -> !own.contains(m)).map(m -> root + "." + m + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "." + layer + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .as(layer + " sees " + (allowed.length == 0 ? "no other module" : "only " + String.join(", ", allowed)))
                .because("DESIGN.md §2 keeps the dependency direction: core at the bottom, the server on top")
                .allowEmptyShould(true);
    }

    /** The layers inside the core. */
    static List<ArchRule> core(String root) {
        String core = root + ".core";
        return List.of(
                noClasses().that().resideInAnyPackage(core + ".json..", core + ".process..")
                        .should().dependOnClassesThat(resideInAPackage(core + "..")
                                .and(resideOutsideOfPackages(core + ".json..", core + ".process..")))
                        .as("the core's model (json, process) imports nothing else of the core")
                        .because("every other package of the core builds on it")
                        .allowEmptyShould(true),
                noClasses().that().resideInAnyPackage(core + ".flow..", core + ".store..", core + ".token..")
                        .should().dependOnClassesThat().resideInAPackage(core + ".engine..")
                        .as("the core's flow, store and token packages import no engine")
                        .because("only the engine sees flows, stores and tokens together")
                        .allowEmptyShould(true));
    }

    /** The server may use every module, but not the test kits or the benchmarks. */
    static ArchRule serverSeesNoTestCode(String root) {
        return noClasses().that().resideInAPackage(root + ".server..")
                .and().resideOutsideOfPackage(root + ".server.testkit..")
                .should().dependOnClassesThat(resideInAnyPackage(root + ".testkit..", root + ".server.testkit..",
                        root + ".bench.."))
                .as("server depends on no test kit or benchmark")
                .because("test code is not shipped with the server")
                .allowEmptyShould(true);
    }

    /** The edge reaches the store only through the engine. */
    static ArchRule edgeHoldsNoStore(String root) {
        String[] edge = EDGE.stream().map(p -> root + "." + p + "..").toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(edge)
                .should().dependOnClassesThat(assignableTo(root + ".core.store.ProcessStore")
                        .or(resideInAnyPackage(root + ".sqlite..", root + ".redis..")))
                .as("the server's edge (" + String.join(", ", EDGE) + ") holds no ProcessStore and imports no store")
                .because("the edge asks the engine, which alone decides what is written and how")
                .allowEmptyShould(true);
    }

    /** Only the benchmarks' peers package uses the engines Flowstate is compared against. */
    static ArchRule peersStayInTheBench(String root, List<String> peerPackages) {
        return noClasses().that().resideOutsideOfPackage(root + ".bench.peers..")
                .should().dependOnClassesThat().resideInAnyPackage(peerPackages.toArray(String[]::new))
                .as("only bench.peers sees the peer engines (" + String.join(", ", peerPackages) + ")")
                .because("the peers are measured beside Flowstate, never shipped with it")
                .allowEmptyShould(true);
    }
}
