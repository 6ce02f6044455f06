package io.tollgate.ledger;

import io.tollgate.persistence.Timestamps;
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
 * One movement of credit. Immutable: there are no setters, and the database refuses UPDATE and DELETE.
 */
@Entity
@Table(name = "ledger_entry")
@NamedQuery(name = "LedgerEntry.lastOfType",
        query = "SELECT e FROM LedgerEntry e WHERE e.accountId = :account AND e.type = :type ORDER BY e.id DESC")
@NamedQuery(name = "LedgerEntry.countByAccount",
        query = "SELECT e.accountId, COUNT(e) FROM LedgerEntry e WHERE e.accountId IN :accounts GROUP BY e.accountId")
@NamedQuery(name = "LedgerEntry.spentByAccount",
        query = "SELECT e.accountId, SUM(e.amount) FROM LedgerEntry e WHERE e.accountId IN :accounts"
                + " AND (e.type = :spend OR e.type = :llmUsage) GROUP BY e.accountId")
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

    @Column(updatable = false, length = 500)
    private String reason;

    @Embedded
    private Actor actor;

    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected LedgerEntry() {
        // for JPA
    }

    LedgerEntry(String accountId, Posting posting, BigDecimal signedAmount, BigDecimal balanceAfter, Instant at) {
        this.accountId = accountId;
        this.type = posting.type();
        this.amount = signedAmount;
        this.balanceAfter = balanceAfter;
        this.reason = posting.reason().orElse(null);
        this.actor = posting.actor();
        this.idempotencyKey = posting.idempotencyKey().orElse(null);
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
