package io.tollgate.credits;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A ledger entry as answered: Pluct's transaction fields plus the balance after it, how it moved the held and owed
 * amounts (and which hold), who caused it, and
 * the request that wrote it.
 */
@JsonbPropertyOrder({"id", "userId", "type", "amount", "balanceAfter", "heldChange", "heldAfter", "owedChange",
        "owedAfter", "holdId", "reason", "actorType", "actorId", "idempotencyKey", "requestId", "timestamp"})
public record TransactionJson(String id,
                              @JsonbProperty("user_id") String userId,
                              String type,
                              BigDecimal amount,
                              @JsonbProperty("balance_after") BigDecimal balanceAfter,
                              @JsonbProperty("held_change") BigDecimal heldChange,
                              @JsonbProperty("held_after") BigDecimal heldAfter,
                              @JsonbProperty("owed_change") BigDecimal owedChange,
                              @JsonbProperty("owed_after") BigDecimal owedAfter,
                              @JsonbProperty("hold_id") String holdId,
                              String reason,
                              @JsonbProperty("actor_type") String actorType,
                              @JsonbProperty("actor_id") String actorId,
                              @JsonbProperty("idempotency_key") String idempotencyKey,
                              @JsonbProperty("request_id") String requestId,
                              Instant timestamp) {

    public static TransactionJson of(LedgerEntry entry) {
        return new TransactionJson(entry.id().toString(), entry.accountId(), entry.type().code(), entry.amount(),
                entry.balanceAfter(), entry.heldChange(), entry.heldAfter(), entry.owedChange(), entry.owedAfter(),
                entry.holdId().map(String::valueOf).orElse(null), entry.reason().orElse(null), entry.actor().kind().code(), entry.actor().id(),
                entry.idempotencyKey().orElse(null), entry.requestId().orElse(null),
                entry.createdAt());
    }
}
