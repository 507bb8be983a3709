package io.flowstate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link Layering} themselves: they pass on a fixture laid out as the design wants, and each fails,
 * naming the offending classes, on a fixture that breaks it ({@code io.flowstate.archfixture}).
 */
class LayeringRulesTest {

    static final String CLEAN = "io.flowstate.archfixture.clean";
    static final String TANGLED = "io.flowstate.archfixture.tangled";

    final JavaClasses clean = new ClassFileImporter().importPackages(CLEAN);
    final JavaClasses tangled = new ClassFileImporter().importPackages(TANGLED);

    @Test
    void aFixtureLaidOutAsDesignedKeepsEveryRule() {
        List<ArchRule> rules = Layering.rules(CLEAN);

        for (ArchRule rule : rules) {
            assertThat(rule.evaluate(clean).getFailureReport().getDetails()).as(rule.getDescription()).isEmpty();
        }
    }

    @Test
    void aCycleBetweenTwoPackagesFails() {
        EvaluationResult result = Layering.noCycles(TANGLED).evaluate(tangled);

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .containsPattern("Cycle detected: core\\.engine -> \\s+core\\.flow -> \\s+core\\.engine")
                .contains(TANGLED + ".core.flow.Graph")
                .contains(TANGLED + ".core.engine.Validator");
    }

    @Test
    void theCoreImportingAStoreModuleFails() {
        EvaluationResult result = Layering.onlySees(TANGLED, "core").evaluate(tangled);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(TANGLED + ".core.engine.Runner")
                        && line.contains(TANGLED + ".redis.RedisStore"))
                .allMatch(line -> line.contains(TANGLED + ".core.engine.Runner"));
    }

    @Test
    void theFlowModelImportingTheEngineFails() {
        EvaluationResult result = Layering.core(TANGLED).get(1).evaluate(tangled);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .allMatch(line -> line.contains(TANGLED + ".core.flow.Graph")
                        && line.contains(TANGLED + ".core.engine.Validator"));
    }

    @Test
    void theServersEdgeHoldingAProcessStoreFails() {
        EvaluationResult result = Layering.edgeHoldsNoStore(TANGLED).evaluate(tangled);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(TANGLED + ".server.http.Routes")
                        && line.contains(TANGLED + ".core.store.ProcessStore"));
    }

    @Test
    void aPeerEngineUsedOutsideTheBenchmarksPeersPackageFails() {
        List<String> peer = List.of("io.flowstate.archfixture.peerengine..");

        EvaluationResult result = Layering.peersStayInTheBench(TANGLED, peer).evaluate(tangled);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .allMatch(line -> line.contains(TANGLED + ".server.Embedded"));
        assertThat(Layering.peersStayInTheBench(CLEAN, peer).evaluate(clean).hasViolation()).isFalse();
    }

    @Test
    void exactlyTheBrokenRulesFailOnTheTangledFixture() {
        List<String> failing = Layering.rules(TANGLED).stream()
                .filter(rule -> rule.evaluate(tangled).hasViolation())
                .map(ArchRule::getDescription)
                .toList();

        assertThat(failing).hasSize(4);
        assertThat(failing.get(0)).startsWith("slices matching '" + TANGLED + ".(**)'");
        assertThat(failing.get(1)).startsWith("core sees no other module");
        assertThat(failing.get(2)).startsWith("the core's flow, store and token packages import no engine");
        assertThat(failing.get(3)).startsWith("the server's edge");
    }
}
