package io.tollgate.accounts;

import io.tollgate.problem.ProblemException;
import io.tollgate.problem.ProblemType;
import io.tollgate.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A user's credit account. The balance only changes through {@link #apply(BigDecimal, boolean, Instant)}, called
 * by the ledger under a row lock together with the entry that records the change.
 */
@Entity
@Table(name = "account")
@NamedQuery(name = "Account.page", query = "SELECT a FROM Account a WHERE a.userId > :after ORDER BY a.userId")
public class Account {

    @Id
    @Column(name = "user_id", length = 128)
    private String userId;

    @Column(length = 320)
    private String email;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Column(nullable = false, length = 16)
    private AccountStatus status;

    @Column(nullable = false, precision = 38, scale = 18)
    private BigDecimal balance;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Account() {
        // for JPA
    }

    public Account(String userId, Optional<String> email, Optional<String> displayName, Instant at) {
        this.userId = UserIds.require(userId);
        this.email = email.orElse(null);
        this.displayName = displayName.orElse(null);
        this.status = AccountStatus.ACTIVE;
        this.balance = BigDecimal.ZERO;
        this.createdAt = Timestamps.utc(at);
        this.updatedAt = Timestamps.utc(at);
    }

    /**
     * Changes the balance by {@code signedAmount} and answers the new balance. A debit needs an active account
     * that can afford it; {@code purchase} marks debits the user makes to buy something (a blocked user may not spend, while an
     * admin may still correct a blocked account).
     */
    public BigDecimal apply(BigDecimal signedAmount, boolean purchase, Instant at) {
        if (signedAmount.signum() < 0) {
            if (purchase && status == AccountStatus.BLOCKED) {
                throw new ProblemException(ProblemType.ACCOUNT_BLOCKED, "Account " + userId + " is blocked");
            }
            if (balance.add(signedAmount).signum() < 0) {
                throw new ProblemException(ProblemType.INSUFFICIENT_CREDITS, "Insufficient credits");
            }
        }
        balance = balance.add(signedAmount);
        updatedAt = Timestamps.utc(at);
        return balance;
    }

    public void block(Instant at) {
        status = AccountStatus.BLOCKED;
        updatedAt = Timestamps.utc(at);
    }

    public void unblock(Instant at) {
        status = AccountStatus.ACTIVE;
        updatedAt = Timestamps.utc(at);
    }

    public boolean isBlocked() {
        return status == AccountStatus.BLOCKED;
    }

    public String userId() {
        return userId;
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    public AccountStatus status() {
        return status;
    }

    public BigDecimal balance() {
        return balance;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }
}
