package io.tollgate.credits;

import io.tollgate.observability.RequestId;
import io.tollgate.persistence.ClusterLock;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Recomputes every account's balance, held and owed amounts from its ledger entries and records where they differ.
 * The database's constraints and {@link CreditService} being the only writer should make this always find none: a
 * difference means someone changed an account behind the service's back (or a defect), and is for a human to read.
 * <p>
 * One statement reads one snapshot, so credits moving while it runs cannot show up as differences. One run at a
 * time across all instances: a run holds a PostgreSQL advisory lock for its transaction.
 */
@Stateless
public class LedgerAudit {

    /** How many disagreeing accounts a run keeps to show; it counts all of them. */
    static final int EXAMPLES = 20;
    private static final long ADVISORY_LOCK = 0x7467_6175_6469_74L; // "tgaudit"
    private static final String DIFFERENCES = """
            SELECT a.user_id, a.balance, COALESCE(e.balance, 0), a.held, COALESCE(e.held, 0),
                   a.owed, COALESCE(e.owed, 0), count(*) OVER () AS differences
            FROM account a
            LEFT JOIN (SELECT account_id, sum(amount) AS balance, sum(held_change) AS held, sum(owed_change) AS owed
                       FROM ledger_entry GROUP BY account_id) e ON e.account_id = a.user_id
            WHERE a.balance <> COALESCE(e.balance, 0) OR a.held <> COALESCE(e.held, 0)
               OR a.owed <> COALESCE(e.owed, 0)
            ORDER BY a.user_id
            LIMIT ?1""";

    @PersistenceContext
    EntityManager em;

    private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000)); // what timestamptz keeps

    /** Runs an audit now; empty when another instance is running one. */
    public Optional<LedgerAuditRun> run() {
        if (!ClusterLock.tryForTransaction(em, ADVISORY_LOCK)) {
            return Optional.empty();
        }
        Instant started = clock.instant();
        long accounts = ((Number) em.createNativeQuery("SELECT count(*) FROM account").getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(DIFFERENCES).setParameter(1, EXAMPLES).getResultList();
        JsonArrayBuilder examples = Json.createArrayBuilder();
        for (Object[] row : rows) {
            examples.add(Json.createObjectBuilder()
                    .add("user_id", (String) row[0])
                    .add("balance", (BigDecimal) row[1]).add("balance_from_entries", (BigDecimal) row[2])
                    .add("held", (BigDecimal) row[3]).add("held_from_entries", (BigDecimal) row[4])
                    .add("owed", (BigDecimal) row[5]).add("owed_from_entries", (BigDecimal) row[6]));
        }
        long differences = rows.isEmpty() ? 0 : ((Number) rows.get(0)[7]).longValue();
        LedgerAuditRun run = new LedgerAuditRun(RequestId.current().orElseGet(() -> UUID.randomUUID().toString()),
                started, clock.instant(), accounts, differences, examples.build().toString());
        em.persist(run);
        return Optional.of(run);
    }

    public Optional<LedgerAuditRun> latest() {
        return em.createNamedQuery("LedgerAuditRun.latest", LedgerAuditRun.class).setMaxResults(1)
                .getResultStream().findFirst();
    }
}
