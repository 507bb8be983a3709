package io.flowstate.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The product keeps its layering; and each rule does fail on a fixture that breaks it. */
class ArchitectureTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ArchitectureRules.MAIN_CLASSES)
            .importPackages("io.flowstate");

    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages("io.flowstate.archfixture");

    @Test
    void theProductHasNoPackageCycleAndNoImportAcrossItsLayers() {
        assertThat(PRODUCT.stream().map(c -> c.getPackageName()).distinct())
                .as("the product's modules are on the class path").contains("io.flowstate.core.engine",
                        "io.flowstate.script", "io.flowstate.sqlite", "io.flowstate.redis", "io.flowstate.server.http");
        for (ArchRule rule : ArchitectureRules.all("io.flowstate")) {
            rule.check(PRODUCT);
        }
    }

    @Test
    void aPackageCycleFailsTheBuild() {
        assertThatThrownBy(() -> ArchitectureRules.noCycles("io.flowstate.archfixture").check(FIXTURE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("cycle")
                .hasMessageContaining("archfixture.cycle.a").hasMessageContaining("archfixture.cycle.b");
    }

    @Test
    void anImportAcrossTheLayersFailsTheBuild() {
        assertThatThrownBy(() -> ArchitectureRules.core("io.flowstate.archfixture").getFirst().check(FIXTURE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("archfixture.core.model.Model")
                .hasMessageContaining("archfixture.server.http.Route");
    }

    @Test
    void anEdgeThatHoldsAStoreFailsTheBuild() {
        assertThatThrownBy(() -> ArchitectureRules.edgeHoldsNoStore("io.flowstate.archfixture").check(FIXTURE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("archfixture.server.http.Route");
    }
}
