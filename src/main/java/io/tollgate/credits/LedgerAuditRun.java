package io.tollgate.credits;

import io.tollgate.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;

/** One run of the ledger audit: every account's balance, held and owed amounts recomputed from its entries. */
@Entity
@Table(name = "ledger_audit_run")
@NamedQuery(name = "LedgerAuditRun.latest", query = "SELECT r FROM LedgerAuditRun r ORDER BY r.id DESC")
public class LedgerAuditRun {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_id", nullable = false, updatable = false, length = 64)
    private String requestId;

    @Column(name = "started_at", nullable = false, updatable = false)
    private OffsetDateTime startedAt;

    @Column(name = "finished_at", nullable = false, updatable = false)
    private OffsetDateTime finishedAt;

    @Column(name = "accounts_checked", nullable = false, updatable = false)
    private long accountsChecked;

    @Column(nullable = false, updatable = false)
    private long differences;

    /** Up to {@link LedgerAudit#EXAMPLES} of the accounts that disagreed, as a JSON array. */
    @Column(nullable = false, updatable = false)
    private String examples;

    protected LedgerAuditRun() {
        // for JPA
    }

    LedgerAuditRun(String requestId, Instant startedAt, Instant finishedAt, long accountsChecked, long differences,
                   String examples) {
        this.requestId = requestId;
        this.startedAt = Timestamps.utc(startedAt);
        this.finishedAt = Timestamps.utc(finishedAt);
        this.accountsChecked = accountsChecked;
        this.differences = differences;
        this.examples = examples;
    }

    public Long id() {
        return id;
    }

    public String requestId() {
        return requestId;
    }

    public Instant startedAt() {
        return startedAt.toInstant();
    }

    public Instant finishedAt() {
        return finishedAt.toInstant();
    }

    public long accountsChecked() {
        return accountsChecked;
    }

    public long differences() {
        return differences;
    }

    public String examples() {
        return examples;
    }
}
