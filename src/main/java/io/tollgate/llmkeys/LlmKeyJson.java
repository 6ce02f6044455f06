package io.tollgate.llmkeys;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A key as admins see it: never the key itself, only OpenRouter's hash and masked label, with its limit, usage,
 * what is charged and what its hold still reserves. Debts belong to the account ({@code GET /user/{id}/balance}).
 */
@JsonbPropertyOrder({"id", "userId", "hash", "label", "state", "limitUsd", "usageUsd", "chargedUsd", "heldCredits",
        "disabledAtOpenRouter", "observedAt", "expiresAt"})
public record LlmKeyJson(String id, String userId, String hash, String label, String state, BigDecimal limitUsd,
                         BigDecimal usageUsd, BigDecimal chargedUsd, BigDecimal heldCredits,
                         boolean disabledAtOpenRouter, Instant observedAt, Instant expiresAt) {

    static LlmKeyJson of(LlmKey key, BigDecimal heldCredits) {
        return new LlmKeyJson(key.id(), key.accountId(), key.openRouterHash(), key.label(), key.state().code(),
                key.limitUsd(), key.observedUsageUsd(), key.chargedUsageUsd(), heldCredits, key.observedDisabled(),
                key.observedAt(), key.expiresAt());
    }
}
