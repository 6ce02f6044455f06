package io.tollgate.partners;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/** A key as listed: Pluct's {@code id, description, created_at, status} plus what it may do. Never a secret. */
@JsonbPropertyOrder({"id", "description", "createdAt", "status", "prefix", "scopes", "limits", "lastUsedAt", "usedToday"})
public record PartnerKeyJson(String id, String description, @JsonbProperty("created_at") Instant createdAt,
                             String status, String prefix, Set<String> scopes, LimitsJson limits,
                             @JsonbProperty("last_used_at") Instant lastUsedAt,
                             @JsonbProperty("used_today") BigDecimal usedToday) {

    public record LimitsJson(BigDecimal perCall, BigDecimal perDay) {
    }
}
