package io.tollgate.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditAmountsTest {

    private final CreditAmounts amounts = new CreditAmounts();

    {
        amounts.maxAmount = new BigDecimal("10000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.000000000000000001", "1", "10000", "10000.000000000000000000", "1E+2"})
    void acceptsPositiveAmountsUpToTheMaximumInEighteenPlaces(String amount) {
        BigDecimal value = new BigDecimal(amount);
        assertEquals(value, amounts.requirePositive("amount", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "10000.000000000000000001", "10001", "0.0000000000000000001", "1E-19",
            "1E+999999999"})
    void refusesEverythingElse(String amount) {
        assertThrows(CreditsRefused.class, () -> amounts.requirePositive("amount", new BigDecimal(amount)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.5", "10000"})
    void zeroIsAValidStartingBalance(String amount) {
        assertEquals(new BigDecimal(amount), amounts.requireNonNegative("initialCredits", new BigDecimal(amount)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.000000000000000001", "10000.5"})
    void startingBalancesStayWithinBounds(String amount) {
        assertThrows(CreditsRefused.class, () -> amounts.requireNonNegative("initialCredits", new BigDecimal(amount)));
    }
}
