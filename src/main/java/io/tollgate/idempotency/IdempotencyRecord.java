package io.tollgate.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/** The first answer given to a request with an {@code Idempotency-Key}, kept to replay to its retries. */
@Entity
@Table(name = "idempotency_record")
@IdClass(IdempotencyRecord.Key.class)
@NamedQuery(name = "IdempotencyRecord.purgeExpired", query = "DELETE FROM IdempotencyRecord r WHERE r.expiresAt < :now")
public class IdempotencyRecord {

    @Id
    @Column(length = 300)
    private String scope;

    @Id
    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(nullable = false, length = 64)
    private String fingerprint;

    @Column(name = "response_status")
    private Integer responseStatus;

    @Column(name = "response_body")
    private String responseBody;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    /** Never, for a permanent key. */
    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    protected IdempotencyRecord() {
        // for JPA
    }

    boolean isFor(String requestFingerprint) {
        return fingerprint.equals(requestFingerprint);
    }

    void answered(int status, String body) {
        this.responseStatus = status;
        this.responseBody = body;
    }

    String responseBody() {
        return responseBody;
    }

    public static class Key implements Serializable {
        private String scope;
        private String idempotencyKey;

        public Key() {
        }

        public Key(String scope, String idempotencyKey) {
            this.scope = scope;
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && scope.equals(other.scope) && idempotencyKey.equals(other.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(scope, idempotencyKey);
        }
    }
}
