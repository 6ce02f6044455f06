package io.tollgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.servlet.Filter;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on the compiled classes: capabilities refuse in their own words, only the edge
 * turns that into HTTP, and packages depend on each other in one direction.
 */
class ArchitectureTest {

    static final JavaClasses TOLLGATE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tollgate");

    @Test
    void onlyTheEdgeAndFiltersThatAnswerForThemselvesSpeakHttpProblems() {
        noClasses().that().resideOutsideOfPackages("io.tollgate.problem", "io.tollgate.edge")
                .and().areNotAssignableTo(Filter.class)
                .and().areNotAssignableTo(ContainerRequestFilter.class)
                .should().dependOnClassesThat().resideInAPackage("io.tollgate.problem")
                .because("domain code throws its capability's Refused; RefusalTable alone decides the answer")
                .check(TOLLGATE);
    }

    @Test
    void nothingBelowTheEdgeKnowsIt() {
        noClasses().that().resideOutsideOfPackage("io.tollgate.edge")
                .should().dependOnClassesThat().resideInAPackage("io.tollgate.edge")
                .check(TOLLGATE);
    }

    @Test
    void packagesDependOnEachOtherInOneDirection() {
        slices().matching("io.tollgate.(*)..").should().beFreeOfCycles().check(TOLLGATE);
    }
}
