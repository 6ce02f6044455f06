package io.tollgate.audit;

import io.tollgate.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One action an admin took: who, when, what, on whom, why, and from where. Append-only, as the ledger. */
@Entity
@Table(name = "admin_action")
public class AdminAction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private java.time.OffsetDateTime occurredAt;

    @Column(nullable = false, updatable = false)
    private String admin;

    @Column(nullable = false, updatable = false, length = 64)
    private String action;

    @Column(name = "user_id", updatable = false, length = 128)
    private String userId;

    @Column(updatable = false)
    private String target;

    @Column(updatable = false, length = 500)
    private String detail;

    @Column(updatable = false, length = 500)
    private String reason;

    @Column(nullable = false, updatable = false, length = 16)
    private String channel;

    @Column(name = "remote_address", updatable = false, length = 64)
    private String remoteAddress;

    @Column(name = "request_id", updatable = false, length = 64)
    private String requestId;

    protected AdminAction() {
        // for JPA
    }

    AdminAction(Instant occurredAt, String admin, AuditNote note, String channel, String remoteAddress, String requestId) {
        this.occurredAt = Timestamps.utc(occurredAt);
        this.admin = admin;
        this.action = note.action();
        this.userId = note.userId().orElse(null);
        this.target = note.target().orElse(null);
        this.detail = note.detail().orElse(null);
        this.reason = note.reason().orElse(null);
        this.channel = channel;
        this.remoteAddress = remoteAddress;
        this.requestId = requestId;
    }

    public Long id() {
        return id;
    }

    public Instant occurredAt() {
        return occurredAt.toInstant();
    }

    public String admin() {
        return admin;
    }

    public String action() {
        return action;
    }

    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public String channel() {
        return channel;
    }

    public Optional<String> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
