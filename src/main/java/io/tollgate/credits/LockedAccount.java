package io.tollgate.credits;

import java.math.BigDecimal;

/**
 * An account locked ({@code SELECT ... FOR UPDATE}) for the rest of a command's transaction, taken once with
 * {@link CreditService#lock(String)}. The command hands it back to {@link CreditService} for every change it makes to
 * the account's credits, holds and debt, so the row is locked once, not again for each movement; other packages read
 * it but cannot change it.
 */
public final class LockedAccount {

    private final Account account;

    LockedAccount(Account account) {
        this.account = account;
    }

    Account account() {
        return account;
    }

    public String userId() {
        return account.userId();
    }

    public boolean isBlocked() {
        return account.isBlocked();
    }

    /** Balance less holds: what the account may still spend or hold. */
    public BigDecimal available() {
        return account.available();
    }

    public BigDecimal owed() {
        return account.owed();
    }
}
