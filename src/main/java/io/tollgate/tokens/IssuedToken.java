package io.tollgate.tokens;

import io.tollgate.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A vended token: who owns it, which spend entry paid for it, and whether it was revoked. */
@Entity
@Table(name = "issued_token")
@jakarta.persistence.NamedQuery(name = "IssuedToken.recentOf",
        query = "SELECT t FROM IssuedToken t WHERE t.accountId = :account ORDER BY t.issuedAt DESC")
public class IssuedToken {

    @Id
    @Column(length = 64)
    private String jti;

    @Column(name = "account_id", nullable = false, length = 128)
    private String accountId;

    @Column(nullable = false, length = 64)
    private String scope;

    @Column(nullable = false, length = 64)
    private String kid;

    @Column(name = "ledger_entry_id", nullable = false)
    private Long ledgerEntryId;

    @Column(name = "issued_at", nullable = false)
    private OffsetDateTime issuedAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "revoked_by", length = 256)
    private String revokedBy;

    protected IssuedToken() {
        // for JPA
    }

    IssuedToken(String jti, String accountId, String scope, String kid, Long ledgerEntryId, Instant issuedAt,
                Instant expiresAt) {
        this.jti = jti;
        this.accountId = accountId;
        this.scope = scope;
        this.kid = kid;
        this.ledgerEntryId = ledgerEntryId;
        this.issuedAt = Timestamps.utc(issuedAt);
        this.expiresAt = Timestamps.utc(expiresAt);
    }

    /** Revokes the token; revoking twice keeps the first revocation. No credit is refunded. */
    void revoke(String by, Instant at) {
        if (revokedAt == null) {
            revokedAt = Timestamps.utc(at);
            revokedBy = by;
        }
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

    boolean isOwnedBy(String userId) {
        return accountId.equals(userId);
    }

    String jti() {
        return jti;
    }

    Instant revokedAt() {
        return revokedAt.toInstant();
    }

    String scope() {
        return scope;
    }

    String kid() {
        return kid;
    }

    Instant issuedAt() {
        return issuedAt.toInstant();
    }

    Instant expiresAt() {
        return expiresAt.toInstant();
    }
}
