package io.tollgate.accounts;

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

    @JsonbPropertyOrder({"userId", "balance", "status", "timestamp"})
    public record Balance(String userId, BigDecimal balance, String status, Instant timestamp) {
        public static Balance of(Account account) {
            return new Balance(account.userId(), account.balance(), account.status().code(), Instant.now());
        }
    }

    @JsonbPropertyOrder({"success", "userId", "status"})
    public record StatusChanged(boolean success, String userId, String status) {
        public static StatusChanged of(Account account) {
            return new StatusChanged(true, account.userId(), account.status().code());
        }
    }
}
