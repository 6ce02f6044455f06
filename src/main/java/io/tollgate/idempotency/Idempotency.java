package io.tollgate.idempotency;

import io.tollgate.observability.Metrics;
import io.tollgate.persistence.ClusterSchedule;
import io.tollgate.persistence.Timestamps;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The store that makes a command run at most once per idempotency key.
 * <p>
 * The key's record is inserted ({@code ON CONFLICT DO NOTHING}) in the command's transaction, before its work. A
 * simultaneous retry blocks on that insert until the first transaction ends: if it committed, the retry finds the
 * stored answer and replays it; if it rolled back, the retry runs the command itself. Only answers that succeeded
 * are stored, so a refused request (402, 404, ...) may be retried with the same key.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Idempotency {

    @PersistenceContext
    EntityManager em;
    @Inject
    Metrics metrics;
    @Inject
    ClusterSchedule schedule;

    @Inject
    @ConfigProperty(name = "tollgate.idempotency.retention", defaultValue = "PT24H")
    Duration retention;

    /**
     * Claims the key for this request; answers the first answer if the key was already used for the same request,
     * and refuses a key used for a different one.
     */
    public Optional<String> claim(IdempotentRequest request) {
        Instant now = Instant.now();
        int claimed = em.createNativeQuery("INSERT INTO idempotency_record"
                        + " (scope, idempotency_key, fingerprint, created_at, expires_at)"
                        + " VALUES (?1, ?2, ?3, ?4, CAST(?5 AS timestamptz))"
                        + " ON CONFLICT (scope, idempotency_key) DO NOTHING")
                .setParameter(1, request.scope())
                .setParameter(2, request.key())
                .setParameter(3, request.fingerprint())
                .setParameter(4, Timestamps.utc(now))
                .setParameter(5, request.permanent() ? null : Timestamps.utc(now.plus(retention)))
                .executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        IdempotencyRecord record = find(request);
        if (!record.isFor(request.fingerprint())) {
            throw IdempotencyRefused.keyReused();
        }
        metrics.idempotentReplay();
        return Optional.of(record.responseBody());
    }

    /** Stores the answer of a claimed key's command, for its retries. */
    public void answered(IdempotentRequest request, String json) {
        find(request).answered(200, json);
    }

    private IdempotencyRecord find(IdempotentRequest request) {
        return em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(request.scope(), request.key()));
    }

    @Schedule(hour = "*", minute = "17", persistent = false)
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void purgeExpired() {
        if (schedule.claim("idempotency-purge", Duration.ofHours(1))) {
            em.createNamedQuery("IdempotencyRecord.purgeExpired").setParameter("now", Timestamps.utc(Instant.now()))
                    .executeUpdate();
        }
    }
}
