package io.tollgate.accounts;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;

/** One row of {@code GET /admin/users}: Pluct's fields plus the account's details. */
@JsonbPropertyOrder({"userId", "transactionCount", "totalSpent", "currentCredits", "status", "email", "displayName", "createdAt"})
public record AccountSummary(@JsonbProperty("user_id") String userId,
                             @JsonbProperty("transaction_count") long transactionCount,
                             @JsonbProperty("total_spent") BigDecimal totalSpent,
                             @JsonbProperty("current_credits") BigDecimal currentCredits,
                             String status,
                             String email,
                             @JsonbProperty("display_name") String displayName,
                             @JsonbProperty("created_at") Instant createdAt) {
}
