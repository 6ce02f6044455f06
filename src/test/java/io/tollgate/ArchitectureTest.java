package io.tollgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.tollgate.audit.AuditNote;
import io.tollgate.audit.AuditTrail;
import io.tollgate.idempotency.Idempotency;
import io.tollgate.security.Identity;
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
    void onlyTheCommandBoundaryClaimsIdempotencyKeysAndAppendsToTheAuditTrail() {
        noClasses().that().resideOutsideOfPackages("io.tollgate.command", "io.tollgate.idempotency")
                .should().dependOnClassesThat().areAssignableTo(Idempotency.class)
                .orShould().callMethod(AuditTrail.class, "append", Identity.class, AuditNote.class)
                .because("a state change is a command: its transaction, idempotency and audit come together")
                .check(TOLLGATE);
    }

    @Test
    void theConsoleOnlyCallsCapabilitiesAndNothingCallsTheConsole() {
        noClasses().that().resideInAPackage("io.tollgate.console")
                .should().dependOnClassesThat().resideInAnyPackage("io.tollgate.idempotency", "io.tollgate.persistence",
                        "io.tollgate.problem", "io.tollgate.edge", "jakarta.persistence..", "jakarta.ws.rs..")
                .check(TOLLGATE);
        noClasses().that().resideOutsideOfPackage("io.tollgate.console")
                .should().dependOnClassesThat().resideInAPackage("io.tollgate.console")
                .check(TOLLGATE);
    }

    @Test
    void packagesDependOnEachOtherInOneDirection() {
        slices().matching("io.tollgate.(*)..").should().beFreeOfCycles().check(TOLLGATE);
    }
}
