package io.tollgate.ledger;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;

/** Pluct's answer to a credit movement, {@code {success, newBalance, message}}, plus the entry's id. */
@JsonbPropertyOrder({"success", "newBalance", "message", "transactionId"})
public record CreditsMoved(boolean success, BigDecimal newBalance, String message, String transactionId) {

    public static CreditsMoved of(LedgerEntry entry, String message) {
        return new CreditsMoved(true, entry.balanceAfter(), message, entry.id().toString());
    }
}
