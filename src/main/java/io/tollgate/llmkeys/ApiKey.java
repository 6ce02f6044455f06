package io.tollgate.llmkeys;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;

/** Puku's answer: {@code {"success":true,"data":{"key","remaining_credits","total_credits","daily_limit"}}}. */
public record ApiKey(boolean success, Data data) {

    @JsonbPropertyOrder({"key", "remainingCredits", "totalCredits", "dailyLimit"})
    public record Data(String key,
                       @JsonbProperty("remaining_credits") BigDecimal remainingCredits,
                       @JsonbProperty("total_credits") BigDecimal totalCredits,
                       @JsonbProperty("daily_limit") BigDecimal dailyLimit) {
    }
}
