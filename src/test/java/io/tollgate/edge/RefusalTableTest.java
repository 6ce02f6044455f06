package io.tollgate.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.tollgate.refusal.Refused;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RefusalTableTest {

    /** Every capability's refusal, found on the compiled classes, so a new one cannot be left out of the test. */
    private static List<Class<?>> refusals() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tollgate").stream()
                .filter(type -> type.isAssignableTo(Refused.class) && !type.getModifiers().contains(
                        com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT))
                .map(JavaClass::reflect)
                .collect(Collectors.toList());
    }

    @Test
    void everyReasonOfEveryCapabilityHasItsAnswer() throws NoSuchMethodException {
        List<Class<?>> refusals = refusals();
        assertTrue(refusals.size() >= 9, "found only " + refusals);
        List<String> unanswered = new ArrayList<>();
        for (Class<?> refusal : refusals) {
            Class<?> reasons = refusal.getMethod("reason").getReturnType();
            assertTrue(reasons.isEnum() && reasons.getDeclaringClass() == refusal,
                    refusal.getName() + " names its reasons in an enum of its own, not " + reasons);
            Arrays.stream(reasons.getEnumConstants())
                    .filter(reason -> !RefusalTable.TYPES.containsKey(reason))
                    .forEach(reason -> unanswered.add(refusal.getSimpleName() + "." + reason));
        }
        assertEquals(List.of(), unanswered);
    }

    @Test
    void theTableAnswersOnlyReasonsOfRefusalsAndIsBuiltFromFinalClasses() {
        Set<String> owners = new TreeSet<>();
        RefusalTable.TYPES.keySet().forEach(reason -> owners.add(reason.getDeclaringClass().getDeclaringClass().getName()));
        Set<String> refusals = refusals().stream().peek(refusal -> assertTrue(Modifier.isFinal(refusal.getModifiers()),
                refusal + " is final: its reasons, not subclasses, say why")).map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(refusals, owners);
    }
}
