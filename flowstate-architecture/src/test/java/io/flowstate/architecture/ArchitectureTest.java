package io.flowstate.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Checks the main classes of every module of the reactor against {@link Layering}. This module depends on all
 * of them, so their classes are on the test class path; test classes (this module's fixtures, other modules'
 * test jars) are left out.
 */
class ArchitectureTest {

    static final List<ArchRule> RULES = Layering.rules("io.flowstate");

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.flowstate");
    }

    @Test
    void everyModuleIsOnTheClassPathSoNoRuleHoldsByDefault() {
        var packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());

        assertThat(packages).contains(
                "io.flowstate.core.engine", "io.flowstate.core.store", "io.flowstate.script", "io.flowstate.nflow.run",
                "io.flowstate.sqlite",
                "io.flowstate.redis", "io.flowstate.testkit", "io.flowstate.server.http", "io.flowstate.server.testkit",
                "io.flowstate.bench", "io.flowstate.bench.peers");
        assertThat(packages).noneMatch(p -> p.startsWith("io.flowstate.archfixture"));
    }

    @Test
    void thePeerEnginesOfTheBenchmarksAreLeftOffThisClassPath() {
        // The rule about them reads the product's references by name; their own classes stay out of the check.
        for (String engine : List.of("org.flowable.engine.ProcessEngine", "org.camunda.bpm.engine.ProcessEngine",
                "org.h2.Driver", "org.apache.ibatis.session.SqlSession")) {
            assertThatThrownBy(() -> Class.forName(engine)).as(engine).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void everyPackageIsNullMarkedSoNullIsDeclaredWhereItIsMeant() {
        var unmarked = classes.stream().map(JavaClass::getPackage).distinct()
                .filter(p -> !p.isAnnotatedWith(NullMarked.class))
                .map(JavaPackage::getName)
                .filter(name -> !name.contains("jmh_generated"))
                .sorted()
                .toList();

        assertThat(unmarked).as("packages without a @NullMarked package-info.java").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("RULES")
    void theCodeKeepsTheRule(ArchRule rule) {
        rule.check(classes);
    }
}
