package io.tollgate.llmkeys;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;

/** Puku's answer: {@code {"success":true,"data":{"key","remaining_credits","total_credits","daily_limit"}}}. */
public record ApiKey(boolean success, Data data) {

    /**
     * {@code remaining_credits} is what the user can still spend: available credits plus what the key's hold still
     * reserves for it; {@code daily_limit} is what the key may spend now (USD).
     */
    static ApiKey of(String secret, BigDecimal available, LlmKey key, LlmPlan plan) {
        return new ApiKey(true, new Data(secret, available.add(plan.creditsFor(key.unchargedRoomUsd())),
                plan.planCredits(), key.roomUsd().max(BigDecimal.ZERO)));
    }

    @JsonbPropertyOrder({"key", "remainingCredits", "totalCredits", "dailyLimit"})
    public record Data(String key,
                       @JsonbProperty("remaining_credits") BigDecimal remainingCredits,
                       @JsonbProperty("total_credits") BigDecimal totalCredits,
                       @JsonbProperty("daily_limit") BigDecimal dailyLimit) {
    }
}
