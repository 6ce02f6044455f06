package io.tollgate.llmkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LlmPlanTest {

    private final Instant now = Instant.parse("2026-11-22T12:00:00Z");

    private LlmPlan plan(String policy) {
        LlmPlan plan = new LlmPlan();
        plan.planCredits = new BigDecimal("10");
        plan.creditsPerUsd = new BigDecimal("100");
        plan.lowCreditPolicy = policy;
        plan.resetPeriod = Duration.ofDays(30);
        return plan;
    }

    @Test
    void theResetPolicyRestoresThePlanAtMostOncePerPeriod() {
        LlmPlan reset = plan("reset");
        assertEquals(Optional.of(new BigDecimal("9.95")), reset.resetAmount(new BigDecimal("0.05"), Optional.empty(), now));
        assertEquals(Optional.empty(), reset.resetAmount(new BigDecimal("0.05"),
                Optional.of(now.minus(Duration.ofDays(29))), now), "not twice within the period (Puku's loop)");
        assertEquals(Optional.of(new BigDecimal("10")), reset.resetAmount(BigDecimal.ZERO,
                Optional.of(now.minus(Duration.ofDays(30))), now));
    }

    @Test
    void theBlockPolicyNeverResets() {
        assertEquals(Optional.empty(), plan("block").resetAmount(BigDecimal.ZERO, Optional.empty(), now));
    }

    @Test
    void aKeyIsRefilledUpToTheKeyLimitFromWhatIsAvailable() {
        LlmPlan plan = plan("block");
        plan.keyLimitUsd = new BigDecimal("1");
        plan.creditsPerUsd = BigDecimal.ONE;
        assertEquals(0, new BigDecimal("0.6").compareTo(plan.extraRoomUsd(new BigDecimal("0.4"), new BigDecimal("9"))));
        assertEquals(0, new BigDecimal("0.25").compareTo(plan.extraRoomUsd(new BigDecimal("0.4"), new BigDecimal("0.25"))),
                "never more than is available");
        assertEquals(0, plan.extraRoomUsd(new BigDecimal("0.4"), BigDecimal.ZERO).signum(), "nothing available");
        assertEquals(0, BigDecimal.ONE.compareTo(plan.extraRoomUsd(new BigDecimal("-0.3"), new BigDecimal("5"))),
                "an overshoot is already charged: the new room counts from zero");
        assertEquals(0, plan.extraRoomUsd(BigDecimal.ONE, new BigDecimal("5")).signum(), "a full key needs nothing");
    }

    @Test
    void creditsAreExactAndLimitsRoundDown() {
        LlmPlan plan = plan("block");
        assertEquals(new BigDecimal("12.3456789100"), plan.creditsFor(new BigDecimal("0.123456789100")).setScale(10));
        assertEquals(new BigDecimal("0.0033333333"), plan.usdFor(new BigDecimal("0.33333333333")));
    }
}
