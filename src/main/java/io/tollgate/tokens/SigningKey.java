package io.tollgate.tokens;

import io.tollgate.crypto.MasterKey;
import io.tollgate.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A key pair that signs access tokens. The private half is stored sealed under the master key; the public half
 * is published in the JWKS while the key signs, and after retirement until the last token it signed expires.
 */
@Entity
@Table(name = "signing_key")
@NamedQuery(name = "SigningKey.inStatus", query = "SELECT k FROM SigningKey k WHERE k.status = :status")
@NamedQuery(name = "SigningKey.published",
        query = "SELECT k FROM SigningKey k WHERE k.status = :active OR k.publishedUntil > :now ORDER BY k.createdAt DESC")
@NamedQuery(name = "SigningKey.all", query = "SELECT k FROM SigningKey k ORDER BY k.createdAt DESC")
public class SigningKey {

    @Id
    @Column(length = 64)
    private String kid;

    @Column(nullable = false, length = 8)
    private String algorithm;

    @Column(name = "public_jwk", nullable = false)
    private String publicJwk;

    @Column(name = "private_key_sealed", nullable = false)
    private String privateKeySealed;

    @Column(name = "master_key_id", nullable = false, length = 64)
    private String masterKeyId;

    @Column(nullable = false, length = 16)
    private SigningKeyStatus status;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "retired_at")
    private OffsetDateTime retiredAt;

    @Column(name = "published_until")
    private OffsetDateTime publishedUntil;

    protected SigningKey() {
        // for JPA
    }

    SigningKey(String kid, String algorithm, String publicJwk, MasterKey.Sealed privateJwk, Instant at) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicJwk = publicJwk;
        this.privateKeySealed = privateJwk.value();
        this.masterKeyId = privateJwk.masterKeyId();
        this.status = SigningKeyStatus.ACTIVE;
        this.createdAt = Timestamps.utc(at);
    }

    /** Stops signing with this key; its public half stays published until {@code publishedUntil}. */
    void retire(Instant at, Instant publishedUntil) {
        this.status = SigningKeyStatus.RETIRED;
        this.retiredAt = Timestamps.utc(at);
        this.publishedUntil = Timestamps.utc(publishedUntil);
    }

    String kid() {
        return kid;
    }

    String algorithm() {
        return algorithm;
    }

    String publicJwk() {
        return publicJwk;
    }

    MasterKey.Sealed sealedPrivateJwk() {
        return new MasterKey.Sealed(masterKeyId, privateKeySealed);
    }

    Optional<Instant> publishedUntil() {
        return Optional.ofNullable(publishedUntil).map(OffsetDateTime::toInstant);
    }

    SigningKeyStatus status() {
        return status;
    }

    Instant createdAt() {
        return createdAt.toInstant();
    }

    Optional<Instant> retiredAt() {
        return Optional.ofNullable(retiredAt).map(OffsetDateTime::toInstant);
    }
}
