package io.tollgate.credits;

import io.tollgate.persistence.Timestamps;
import io.tollgate.security.UserIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A user's credit account: the {@code balance} the user owns, the part of it {@code held} for credentials that may
 * still spend it (OpenRouter keys), and what the user {@code owed}s for usage beyond a hold. {@code available =
 * balance - held} is what a new debit or hold may take. The methods here decide whether a movement is allowed and
 * what it changes; {@link CreditService} applies them under the row lock, each with its ledger entry.
 */
@Entity
@Table(name = "account")
@NamedQuery(name = "Account.page", query = "SELECT a FROM Account a WHERE a.userId > :after ORDER BY a.userId")
// The row lock every movement takes. In SQL, not a locking find or JPQL: EclipseLink builds the SQL of either
// again on every call once a lock mode is set (5 % of a vend's samples, issue 14), a named native query's once.
// Refreshed, as a locking find would be: a row read earlier in the transaction may have changed until the lock.
@NamedNativeQuery(name = Account.LOCK, query = "SELECT * FROM account WHERE user_id = ? FOR UPDATE",
        resultClass = Account.class, hints = @QueryHint(name = "eclipselink.refresh", value = "true"))
public class Account {

    static final String LOCK = "Account.lock";

    public static final int MAX_EMAIL = 320;
    public static final int MAX_DISPLAY_NAME = 200;

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

    @Column(nullable = false, precision = 38, scale = 18)
    private BigDecimal held;

    @Column(nullable = false, precision = 38, scale = 18)
    private BigDecimal owed;

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
        this.held = BigDecimal.ZERO;
        this.owed = BigDecimal.ZERO;
        this.createdAt = Timestamps.utc(at);
        this.updatedAt = Timestamps.utc(at);
    }

    Movement credit(BigDecimal amount) {
        return new Movement(amount, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /**
     * A debit of available credits. {@code purchase} marks what the user buys (a token): refused while the account
     * is blocked or owes credits. An admin's correction is neither, but is bound by what is available all the same,
     * so nothing held for a key can be taken from under it.
     */
    Movement debit(BigDecimal amount, boolean purchase) {
        if (purchase) {
            requireMaySpend();
        }
        requireAvailable(amount);
        return new Movement(amount.negate(), BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** Reserves available credits for a credential that may spend them later. */
    Movement hold(BigDecimal amount) {
        requireMaySpend();
        requireAvailable(amount);
        return new Movement(BigDecimal.ZERO, amount, BigDecimal.ZERO);
    }

    /**
     * Charges usage: {@code fromHold} is taken out of a hold; what went beyond it is paid from available credits
     * as far as they reach, and the rest becomes the account's debt.
     */
    Movement capture(BigDecimal fromHold, BigDecimal beyondHold) {
        BigDecimal paid = beyondHold.min(available()).max(BigDecimal.ZERO);
        return new Movement(fromHold.add(paid).negate(), fromHold.negate(), beyondHold.subtract(paid));
    }

    Movement release(BigDecimal amount) {
        return new Movement(BigDecimal.ZERO, amount.negate(), BigDecimal.ZERO);
    }

    /** Pays the debt from available credits, as far as they reach; empty when nothing is owed or available. */
    Optional<Movement> payDebt() {
        BigDecimal payable = owed.min(available());
        return payable.signum() > 0
                ? Optional.of(new Movement(payable.negate(), BigDecimal.ZERO, payable.negate()))
                : Optional.empty();
    }

    /** Forgives part or all of the debt (an admin's explicit decision); never more than is owed. */
    Movement writeOff(BigDecimal amount) {
        if (amount.compareTo(owed) > 0) {
            throw CreditsRefused.nothingToWriteOff(userId, owed);
        }
        return new Movement(BigDecimal.ZERO, BigDecimal.ZERO, amount.negate());
    }

    void apply(Movement movement, Instant at) {
        balance = balance.add(movement.balance());
        held = held.add(movement.held());
        owed = owed.add(movement.owed());
        if (balance.signum() < 0 || held.signum() < 0 || owed.signum() < 0 || held.compareTo(balance) > 0) {
            throw new IllegalStateException("movement " + movement + " breaks the account invariants of " + userId);
        }
        updatedAt = Timestamps.utc(at);
    }

    private void requireMaySpend() {
        if (status == AccountStatus.BLOCKED) {
            throw CreditsRefused.accountBlocked(userId);
        }
        if (owed.signum() > 0) {
            throw CreditsRefused.debtOutstanding(owed);
        }
    }

    private void requireAvailable(BigDecimal amount) {
        if (available().compareTo(amount) < 0) {
            throw CreditsRefused.insufficientCredits();
        }
    }

    void block(Instant at) {
        status = AccountStatus.BLOCKED;
        updatedAt = Timestamps.utc(at);
    }

    void unblock(Instant at) {
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

    public BigDecimal held() {
        return held;
    }

    public BigDecimal owed() {
        return owed;
    }

    public BigDecimal available() {
        return balance.subtract(held);
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    /** How one ledger entry changes an account's three amounts; each may be zero. */
    record Movement(BigDecimal balance, BigDecimal held, BigDecimal owed) {
    }
}
