package io.tollgate.llmkeys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The plan behind OpenRouter keys; Puku's numbers are the defaults. (Read through methods: this is a proxy.) */
@ApplicationScoped
public class LlmPlan {

    @Inject
    @ConfigProperty(name = "tollgate.llm.plan-credits", defaultValue = "10")
    BigDecimal planCredits;
    @Inject
    @ConfigProperty(name = "tollgate.llm.credits-per-usd", defaultValue = "1")
    BigDecimal creditsPerUsd;
    @Inject
    @ConfigProperty(name = "tollgate.llm.key-limit-usd", defaultValue = "1")
    BigDecimal keyLimitUsd;
    @Inject
    @ConfigProperty(name = "tollgate.llm.refill-at-remaining-usd", defaultValue = "0.5")
    BigDecimal refillAtRemainingUsd;
    @Inject
    @ConfigProperty(name = "tollgate.llm.min-credits", defaultValue = "0.1")
    BigDecimal minCredits;
    @Inject
    @ConfigProperty(name = "tollgate.llm.low-credit-policy", defaultValue = "block")
    String lowCreditPolicy;
    @Inject
    @ConfigProperty(name = "tollgate.llm.reset-period", defaultValue = "P30D")
    Duration resetPeriod;
    @Inject
    @ConfigProperty(name = "tollgate.llm.staleness", defaultValue = "PT30S")
    Duration staleness;
    @Inject
    @ConfigProperty(name = "tollgate.llm.key-lifetime", defaultValue = "P30D")
    Duration keyLifetime;

    BigDecimal planCredits() {
        return planCredits;
    }

    BigDecimal keyLimitUsd() {
        return keyLimitUsd;
    }

    /** A key whose room falls to this or below gets its limit raised, if credits are available. */
    BigDecimal refillAtRemainingUsd() {
        return refillAtRemainingUsd;
    }

    /**
     * How much more room (USD) a key with {@code roomUsd} left should get from {@code availableCredits}: up to the
     * plan's key limit, never more than the credits can pay for. Zero when nothing should change.
     */
    BigDecimal extraRoomUsd(BigDecimal roomUsd, BigDecimal availableCredits) {
        BigDecimal room = roomUsd.max(BigDecimal.ZERO);
        BigDecimal target = keyLimitUsd.min(room.add(usdFor(availableCredits.max(BigDecimal.ZERO))));
        return target.subtract(room).max(BigDecimal.ZERO);
    }

    BigDecimal minCredits() {
        return minCredits;
    }

    /** At or below {@link #minCredits()} available: {@code block} (no new key or refill) or {@code reset} (bounded). */
    boolean resetsLowCredits() {
        return "reset".equalsIgnoreCase(lowCreditPolicy);
    }

    /**
     * What a {@code reset} entry may restore now: the plan's credits less what is available, under the {@code reset}
     * policy, at most once per reset period. Empty means refuse (402).
     */
    Optional<BigDecimal> resetAmount(BigDecimal available, Optional<Instant> lastReset, Instant now) {
        boolean due = resetsLowCredits() && lastReset.map(last -> !last.plus(resetPeriod).isAfter(now)).orElse(true);
        return due && planCredits.compareTo(available) > 0 ? Optional.of(planCredits.subtract(available)) : Optional.empty();
    }

    Duration staleness() {
        return staleness;
    }

    Duration keyLifetime() {
        return keyLifetime;
    }

    /** Exact: USD amounts have at most ~10 places and the rate is a configured decimal. */
    BigDecimal creditsFor(BigDecimal usd) {
        return usd.multiply(creditsPerUsd);
    }

    /** What {@code credits} can pay for, rounded down: a key's limit may be lower, never higher. */
    BigDecimal usdFor(BigDecimal credits) {
        return credits.divide(creditsPerUsd, 10, RoundingMode.DOWN);
    }
}
