package io.tollgate.credits;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of {@code GET /admin/users}: Pluct's fields plus the account's details. {@code current_credits} is the
 * balance; {@code held}, {@code available} and {@code owed} say how much of it is reserved and what is owed.
 */
@JsonbPropertyOrder({"userId", "transactionCount", "totalSpent", "currentCredits", "held", "available", "owed",
        "status", "email", "displayName", "createdAt"})
public record AccountSummary(@JsonbProperty("user_id") String userId,
                             @JsonbProperty("transaction_count") long transactionCount,
                             @JsonbProperty("total_spent") BigDecimal totalSpent,
                             @JsonbProperty("current_credits") BigDecimal currentCredits,
                             BigDecimal held,
                             BigDecimal available,
                             BigDecimal owed,
                             String status,
                             String email,
                             @JsonbProperty("display_name") String displayName,
                             @JsonbProperty("created_at") Instant createdAt) {

    static AccountSummary of(Account account, Ledger.AccountActivity activity) {
        return new AccountSummary(account.userId(), activity.entries(), activity.spent(), account.balance(),
                account.held(), account.available(), account.owed(), account.status().code(),
                account.email().orElse(null), account.displayName().orElse(null), account.createdAt());
    }
}
