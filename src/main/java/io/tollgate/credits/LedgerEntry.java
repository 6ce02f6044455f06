package io.tollgate.credits;

import io.tollgate.persistence.Timestamps;
import io.tollgate.security.Actor;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * One movement of credit: how it changed the balance, the held and the owed amounts, and what each was after.
 * Immutable: there are no setters, and the database refuses UPDATE and DELETE.
 */
@Entity
@Table(name = "ledger_entry")
@NamedQuery(name = "LedgerEntry.lastOfType",
        query = "SELECT e FROM LedgerEntry e WHERE e.accountId = :account AND e.type = :type ORDER BY e.id DESC")
@NamedQuery(name = "LedgerEntry.countByAccount",
        query = "SELECT e.accountId, COUNT(e) FROM LedgerEntry e WHERE e.accountId IN :accounts GROUP BY e.accountId")
@NamedQuery(name = "LedgerEntry.spentByAccount",
        query = "SELECT e.accountId, SUM(e.amount) FROM LedgerEntry e WHERE e.accountId IN :accounts"
                + " AND e.type IN :spending GROUP BY e.accountId")
public class LedgerEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private String accountId;

    @Column(nullable = false, updatable = false)
    private EntryType type;

    @Column(nullable = false, updatable = false, precision = 38, scale = 18)
    private BigDecimal amount;

    @Column(name = "balance_after", nullable = false, updatable = false, precision = 38, scale = 18)
    private BigDecimal balanceAfter;

    @Column(name = "held_change", nullable = false, updatable = false, precision = 38, scale = 18)
    private BigDecimal heldChange;

    @Column(name = "held_after", nullable = false, updatable = false, precision = 38, scale = 18)
    private BigDecimal heldAfter;

    @Column(name = "owed_change", nullable = false, updatable = false, precision = 38, scale = 18)
    private BigDecimal owedChange;

    @Column(name = "owed_after", nullable = false, updatable = false, precision = 38, scale = 18)
    private BigDecimal owedAfter;

    @Column(name = "hold_id", updatable = false)
    private Long holdId;

    @Column(updatable = false, length = 500)
    private String reason;

    @Embedded
    private Actor actor;

    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;

    @Column(name = "request_id", updatable = false, length = 64)
    private String requestId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected LedgerEntry() {
        // for JPA
    }

    LedgerEntry(Account after, EntryType type, Account.Movement movement, Long holdId, Actor actor,
                Optional<String> reason, Optional<String> idempotencyKey, Optional<String> requestId, Instant at) {
        this.accountId = after.userId();
        this.type = type;
        this.amount = movement.balance();
        this.balanceAfter = after.balance();
        this.heldChange = movement.held();
        this.heldAfter = after.held();
        this.owedChange = movement.owed();
        this.owedAfter = after.owed();
        this.holdId = holdId;
        this.reason = reason.orElse(null);
        this.actor = actor;
        this.idempotencyKey = idempotencyKey.orElse(null);
        this.requestId = requestId.orElse(null);
        this.createdAt = Timestamps.utc(at);
    }

    public Long id() {
        return id;
    }

    public String accountId() {
        return accountId;
    }

    public EntryType type() {
        return type;
    }

    public BigDecimal amount() {
        return amount;
    }

    public BigDecimal balanceAfter() {
        return balanceAfter;
    }

    public BigDecimal heldChange() {
        return heldChange;
    }

    public BigDecimal heldAfter() {
        return heldAfter;
    }

    public BigDecimal owedChange() {
        return owedChange;
    }

    public BigDecimal owedAfter() {
        return owedAfter;
    }

    public Optional<Long> holdId() {
        return Optional.ofNullable(holdId);
    }

    /** The request or scheduled job that wrote this entry (its {@code X-Request-Id}), to find its log lines. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public Actor actor() {
        return actor;
    }

    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }
}
