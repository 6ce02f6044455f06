package io.tollgate.persistence;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Once per cycle for the whole cluster: every instance's timer fires, and the first to claim the cycle in the
 * database runs the job; the others skip it. A cycle is the period the timer fired in (by the instance's clock, so
 * instances' clocks must agree to well within a period: NTP). A claim is committed on its own, before the job runs;
 * an instance that dies mid-run leaves its cycle run, and the next cycle runs as usual.
 */
@Stateless
public class ClusterSchedule {

    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    private static final String CLAIM = """
            INSERT INTO scheduled_job (job, last_cycle, instance, claimed_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (job) DO UPDATE
              SET last_cycle = EXCLUDED.last_cycle, instance = EXCLUDED.instance, claimed_at = EXCLUDED.claimed_at
              WHERE scheduled_job.last_cycle < EXCLUDED.last_cycle""";

    @PersistenceContext
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** True when this instance claimed the current cycle of {@code job} (of length {@code period}) and should run it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String job, Duration period) {
        Instant now = clock.instant();
        Instant cycle = Instant.ofEpochMilli(now.toEpochMilli() - now.toEpochMilli() % period.toMillis());
        return em.createNativeQuery(CLAIM).setParameter(1, job).setParameter(2, Timestamps.utc(cycle))
                .setParameter(3, INSTANCE).setParameter(4, Timestamps.utc(now)).executeUpdate() == 1;
    }
}
