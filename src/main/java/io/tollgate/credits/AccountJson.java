package io.tollgate.credits;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;

/** Answers of the account endpoints, in Pluct's shapes. */
public final class AccountJson {

    private AccountJson() {
    }

    @JsonbPropertyOrder({"success", "userId", "initialBalance", "message"})
    public record Created(boolean success, String userId, BigDecimal initialBalance, String message) {
        public static Created of(Account account) {
            return new Created(true, account.userId(), account.balance(), "User created successfully");
        }
    }

    /**
     * Pluct's {@code balance} is every credit the user owns, held ones included; {@code available} is what a new
     * purchase may take ({@code balance - held}); {@code owed} is usage beyond a hold, paid from the next credits.
     */
    @JsonbPropertyOrder({"userId", "balance", "held", "available", "owed", "status", "timestamp"})
    public record Balance(String userId, BigDecimal balance, BigDecimal held, BigDecimal available, BigDecimal owed,
                          String status, Instant timestamp) {
        public static Balance of(Account account) {
            return new Balance(account.userId(), account.balance(), account.held(), account.available(),
                    account.owed(), account.status().code(), Instant.now());
        }
    }

    @JsonbPropertyOrder({"success", "userId", "status"})
    public record StatusChanged(boolean success, String userId, String status) {
        public static StatusChanged of(Account account) {
            return new StatusChanged(true, account.userId(), account.status().code());
        }
    }
}
