package io.tollgate.llmkeys;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;

/** A key as admins see it: never the key itself, only OpenRouter's hash and masked label. */
@JsonbPropertyOrder({"id", "userId", "hash", "label", "state", "limitUsd", "usageUsd", "chargedUsd", "owedCredits",
        "observedAt"})
public record LlmKeyJson(String id, String userId, String hash, String label, String state, BigDecimal limitUsd,
                         BigDecimal usageUsd, BigDecimal chargedUsd, BigDecimal owedCredits, Instant observedAt) {

    static LlmKeyJson of(LlmKey key) {
        return new LlmKeyJson(key.id(), key.accountId(), key.openRouterHash(), key.label(), key.state(),
                key.limitUsd(), key.observedUsageUsd(), key.chargedUsageUsd(), key.unpaidCredits(), key.observedAt());
    }
}
