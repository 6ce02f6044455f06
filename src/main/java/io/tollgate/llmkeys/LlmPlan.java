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
    @ConfigProperty(name = "tollgate.llm.rotate-at-remaining-usd", defaultValue = "0.5")
    BigDecimal rotateAtRemainingUsd;
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

    BigDecimal rotateAtRemainingUsd() {
        return rotateAtRemainingUsd;
    }

    BigDecimal minCredits() {
        return minCredits;
    }

    /** At or below {@link #minCredits()}: {@code block} (402, keys disabled) or {@code reset} (bounded). */
    boolean resetsLowCredits() {
        return "reset".equalsIgnoreCase(lowCreditPolicy);
    }

    /**
     * What a {@code reset} entry may restore now: the plan's credits less the balance, under the {@code reset}
     * policy, at most once per reset period. Empty means refuse (402).
     */
    Optional<BigDecimal> resetAmount(BigDecimal balance, Optional<Instant> lastReset, Instant now) {
        boolean due = resetsLowCredits() && lastReset.map(last -> !last.plus(resetPeriod).isAfter(now)).orElse(true);
        return due && planCredits.compareTo(balance) > 0 ? Optional.of(planCredits.subtract(balance)) : Optional.empty();
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
