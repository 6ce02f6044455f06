package io.tollgate.idempotency;

import io.tollgate.observability.Metrics;
import io.tollgate.persistence.ClusterSchedule;
import io.tollgate.persistence.Timestamps;
import io.tollgate.web.JsonMapping;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs an operation at most once per idempotency key.
 * <p>
 * The key's record is inserted ({@code ON CONFLICT DO NOTHING}) in the same transaction as the operation, before
 * it. A simultaneous retry blocks on that insert until the first transaction ends: if it committed, the retry
 * finds the stored answer and replays it; if it rolled back, the retry runs the operation itself. Only answers
 * that succeeded are stored, so a refused request (402, 404, ...) may be retried with the same key.
 */
@Stateless
public class Idempotency {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    @PersistenceContext
    EntityManager em;
    @Inject
    Metrics metrics;
    @Inject
    ClusterSchedule schedule;

    @Inject
    @ConfigProperty(name = "tollgate.idempotency.retention", defaultValue = "PT24H")
    Duration retention;

    public Response respond(Optional<IdempotentRequest> request, Supplier<?> operation) {
        if (request.isEmpty()) {
            return json(200, JsonMapping.toJson(operation.get()), false);
        }
        IdempotentRequest req = request.get();
        Instant now = Instant.now();
        int claimed = em.createNativeQuery("INSERT INTO idempotency_record"
                        + " (scope, idempotency_key, fingerprint, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)"
                        + " ON CONFLICT (scope, idempotency_key) DO NOTHING")
                .setParameter(1, req.scope())
                .setParameter(2, req.key())
                .setParameter(3, req.fingerprint())
                .setParameter(4, Timestamps.utc(now))
                .setParameter(5, Timestamps.utc(now.plus(retention)))
                .executeUpdate();
        IdempotencyRecord record = em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(req.scope(), req.key()));
        if (claimed == 0) {
            if (!record.isFor(req.fingerprint())) {
                throw IdempotencyRefused.keyReused();
            }
            metrics.idempotentReplay();
            return json(record.responseStatus(), record.responseBody(), true);
        }
        String body = JsonMapping.toJson(operation.get());
        record.answered(200, body);
        return json(200, body, false);
    }

    @Schedule(hour = "*", minute = "17", persistent = false)
    void purgeExpired() {
        if (schedule.claim("idempotency-purge", Duration.ofHours(1))) {
            em.createNamedQuery("IdempotencyRecord.purgeExpired").setParameter("now", Timestamps.utc(Instant.now()))
                    .executeUpdate();
        }
    }

    private static Response json(int status, String body, boolean replayed) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header(REPLAYED_HEADER, replayed).build();
    }
}
