package io.tollgate.credits;

import io.tollgate.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Credits reserved for one purpose (an OpenRouter key), like a card authorisation: usage is captured from it, and
 * what is left when the purpose ends is released. {@code remaining = placed - captured - released}.
 */
@Entity
@Table(name = "credit_hold")
public class CreditHold {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "account_id", nullable = false, updatable = false, length = 128)
    private String accountId;
    @Column(nullable = false, updatable = false, length = 200)
    private String purpose;
    @Column(nullable = false, precision = 38, scale = 18)
    private BigDecimal placed;
    @Column(nullable = false, precision = 38, scale = 18)
    private BigDecimal captured;
    @Column(nullable = false, precision = 38, scale = 18)
    private BigDecimal released;
    @Column(nullable = false, length = 16)
    private HoldState state;
    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;
    @Column(name = "closed_at")
    private OffsetDateTime closedAt;

    protected CreditHold() {
        // for JPA
    }

    CreditHold(String accountId, String purpose, BigDecimal amount, Instant at) {
        this.accountId = accountId;
        this.purpose = purpose;
        this.placed = amount;
        this.captured = BigDecimal.ZERO;
        this.released = BigDecimal.ZERO;
        this.state = HoldState.OPEN;
        this.createdAt = Timestamps.utc(at);
    }

    void raise(BigDecimal amount) {
        requireOpen();
        placed = placed.add(amount);
    }

    /** Takes up to {@code amount} out of the hold; answers how much it covered. */
    BigDecimal capture(BigDecimal amount) {
        BigDecimal covered = isOpen() ? amount.min(remaining()) : BigDecimal.ZERO;
        captured = captured.add(covered);
        return covered;
    }

    /** Closes the hold; answers what was still reserved and is now free again. */
    BigDecimal release(Instant at) {
        BigDecimal rest = isOpen() ? remaining() : BigDecimal.ZERO;
        released = released.add(rest);
        state = HoldState.CLOSED;
        closedAt = Timestamps.utc(at);
        return rest;
    }

    public BigDecimal remaining() {
        return placed.subtract(captured).subtract(released);
    }

    public boolean isOpen() {
        return state == HoldState.OPEN;
    }

    private void requireOpen() {
        if (!isOpen()) {
            throw new IllegalStateException("hold " + id + " is closed");
        }
    }

    public Long id() {
        return id;
    }

    public String accountId() {
        return accountId;
    }
}
