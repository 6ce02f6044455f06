package io.tollgate.tokens;

import io.tollgate.persistence.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of signing keys. Each call is its own transaction: keys are shared by every request. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SigningKeyStore {

    @PersistenceContext
    EntityManager em;

    public Optional<SigningKey> active() {
        return activeKey().getResultStream().findFirst();
    }

    public List<SigningKey> published(Instant now) {
        return em.createNamedQuery("SigningKey.published", SigningKey.class)
                .setParameter("active", SigningKeyStatus.ACTIVE)
                .setParameter("now", Timestamps.utc(now)).getResultList();
    }

    private TypedQuery<SigningKey> activeKey() {
        return em.createNamedQuery("SigningKey.inStatus", SigningKey.class).setParameter("status", SigningKeyStatus.ACTIVE);
    }

    /**
     * Stores {@code candidate} as the signer unless another instance got there first; a unique index allows only
     * one active key, and {@code ON CONFLICT DO NOTHING} lets the loser simply read the winner's.
     */
    public void activateFirst(SigningKey candidate) {
        em.createNativeQuery("INSERT INTO signing_key (kid, algorithm, public_jwk, private_key_sealed, master_key_id,"
                        + " status, created_at) SELECT ?1, ?2, ?3, ?4, ?5, 'active', now()"
                        + " WHERE NOT EXISTS (SELECT 1 FROM signing_key WHERE status = 'active')"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, candidate.kid())
                .setParameter(2, candidate.algorithm())
                .setParameter(3, candidate.publicJwk())
                .setParameter(4, candidate.sealedPrivateJwk().value())
                .setParameter(5, candidate.sealedPrivateJwk().masterKeyId())
                .executeUpdate();
    }

    /** Retires the active key (published until {@code publishedUntil}) and makes {@code next} the signer. */
    public Optional<SigningKey> rotate(SigningKey next, Instant now, Instant publishedUntil) {
        Optional<SigningKey> retired = activeKey().setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
        retired.ifPresent(key -> key.retire(now, publishedUntil));
        em.flush();
        em.persist(next);
        return retired;
    }
}
