package io.tollgate.credits;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;

/**
 * Pluct's answer to a credit movement, {@code {success, newBalance, message}}, plus the entry's id and what is
 * available and owed afterwards. {@code newBalance} counts any debt payment the credit caused.
 */
@JsonbPropertyOrder({"success", "newBalance", "available", "owed", "message", "transactionId"})
public record CreditsMoved(boolean success, BigDecimal newBalance, BigDecimal available, BigDecimal owed,
                           String message, String transactionId) {

    public static CreditsMoved of(CreditService.Moved moved, String message) {
        return new CreditsMoved(true, moved.balance(), moved.available(), moved.owed(), message,
                moved.entry().id().toString());
    }
}
