package io.tollgate.credits;

import io.tollgate.web.Page;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/** Pluct's transaction listing, {@code {userId, transactions, count, timestamp}}, plus the next page's cursor. */
@JsonbPropertyOrder({"userId", "transactions", "count", "nextCursor", "timestamp"})
public record TransactionsJson(String userId, List<TransactionJson> transactions, int count, String nextCursor,
                               Instant timestamp) {

    public static TransactionsJson of(String userId, Page<LedgerEntry> page) {
        List<TransactionJson> transactions = page.items().stream().map(TransactionJson::of).toList();
        return new TransactionsJson(userId, transactions, transactions.size(), page.nextCursor().orElse(null),
                Instant.now());
    }
}
