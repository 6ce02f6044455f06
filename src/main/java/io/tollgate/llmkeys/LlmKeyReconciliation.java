package io.tollgate.llmkeys;

import io.tollgate.credits.Accounts;
import io.tollgate.observability.Metrics;
import io.tollgate.observability.OnCommit;
import io.tollgate.persistence.ClusterLock;
import io.tollgate.persistence.Timestamps;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brings Tollgate's records and OpenRouter's keys back into agreement:
 * <ul>
 * <li>live keys of blocked accounts are disabled and retired;</li>
 * <li>keys named with Tollgate's prefix that have no record (a crash between "created at OpenRouter" and
 * "saved") are adopted, to be charged to their owner and deleted;</li>
 * <li>live keys whose observation is stale, or that expire soon, are observed and charged (so usage is metered
 * without calls), and retired if OpenRouter disabled them or they expire;</li>
 * <li>retiring keys whose usage has had time to settle are observed a last time, charged, their hold released,
 * and deleted.</li>
 * </ul>
 * One run at a time across all instances: a run holds a PostgreSQL advisory lock. Every step runs on its own, in
 * its own transaction under its owner's account lock: one failure (OpenRouter answering 429 to the listing, say) is
 * counted and logged, and the rest of the run goes on.
 */
@Stateless
public class LlmKeyReconciliation {

    private static final Logger LOG = Logger.getLogger(LlmKeyReconciliation.class.getName());
    /** The PostgreSQL advisory lock a run holds: while anyone holds it, runs are skipped. */
    public static final long ADVISORY_LOCK = 0x70_11_6a_7e_11_6bL;

    @PersistenceContext
    EntityManager em;
    @Inject
    OpenRouter openRouter;
    @Inject
    OpenRouterSettings openRouterSettings;
    @Inject
    LlmKeyUpkeep upkeep;
    @Inject
    LlmKeyRetirement retirement;
    @Inject
    Accounts accounts;
    @Inject
    LlmPlan plan;
    @Resource
    SessionContext session;
    @Inject
    Metrics metrics;
    @Inject
    OnCommit onCommit;
    @Inject
    @ConfigProperty(name = "tollgate.llm.settle-after", defaultValue = "PT2M")
    Duration settleAfter;

    @Inject
    LastReconciliation lastReconciliation;

    /** Runs once unless another instance is running; answers what it did. */
    public Report reconcile() {
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            Report report = reconcileOnce();
            if (report.ran()) {
                lastReconciliation.record(report);
            }
            outcome = !report.ran() ? "skipped" : report.failed() > 0 ? "completed-with-failures" : "completed";
            return report;
        } finally {
            metrics.reconciliation(outcome, System.nanoTime() - start);
        }
    }

    private Report reconcileOnce() {
        if (!openRouterSettings.isConfigured() || !ClusterLock.tryForTransaction(em, ADVISORY_LOCK)) {
            return Report.NOT_RUN;
        }
        LlmKeyReconciliation self = session.getBusinessObject(LlmKeyReconciliation.class);
        Instant now = Instant.now();
        Steps steps = new Steps();

        List<LlmKey> live = em.createNamedQuery("LlmKey.inState", LlmKey.class)
                .setParameter("state", LlmKeyState.LIVE).getResultList();
        Set<String> blocked = accounts.blockedAmong(live.stream().map(LlmKey::accountId).toList());
        int retired = 0;
        for (LlmKey key : live) {
            if (blocked.contains(key.accountId())) {
                retired += steps.attempt(() -> retirement.retireLiveKey(key.accountId())) ? 1 : 0;
            }
        }
        int adopted = 0;
        Set<String> known = new HashSet<>(em.createQuery("SELECT k.name FROM LlmKey k", String.class).getResultList());
        for (KeyObservation remote : steps.attempt(() -> Remote.call(openRouter::listAll), List.<KeyObservation>of())) {
            if (remote.name().startsWith(OpenRouter.NAME_PREFIX) && !known.contains(remote.name())) {
                adopted += steps.attempt(() -> self.adopt(remote)) ? 1 : 0;
            }
        }
        int refreshed = 0;
        for (LlmKey key : live) {
            if (!blocked.contains(key.accountId()) && (!key.isFresh(plan.staleness(), now)
                    || key.needsReplacement(plan.staleness(), now))) {
                refreshed += steps.attempt(() -> upkeep.observe(key.accountId())) ? 1 : 0;
            }
        }
        int settled = 0;
        for (String keyId : em.createNamedQuery("LlmKey.retiringSince", String.class)
                .setParameter("state", LlmKeyState.RETIRING)
                .setParameter("before", Timestamps.utc(now.minus(settleAfter))).getResultList()) {
            settled += steps.attempt(() -> retirement.settle(keyId)) ? 1 : 0;
        }
        return new Report(true, refreshed, settled, adopted, retired, steps.failed);
    }

    /** Adopts an orphan of a known user (settled on this run); an orphan naming no account is only deleted. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void adopt(KeyObservation orphan) {
        String rest = orphan.name().substring(OpenRouter.NAME_PREFIX.length());
        String userId = rest.contains(":") ? rest.substring(0, rest.lastIndexOf(':')) : rest;
        if (!accounts.exists(userId)) {
            LOG.warning(() -> "Deleting OpenRouter key " + orphan.label() + " named for unknown user " + userId);
            Remote.run(() -> openRouter.delete(orphan.hash()));
            return;
        }
        Instant now = Instant.now();
        em.persist(LlmKey.adoptOrphan(userId, orphan, now.minus(settleAfter).minusSeconds(1), now));
        onCommit.run(() -> metrics.llmKey("adopted"));
        LOG.info(() -> "Adopted orphaned OpenRouter key " + orphan.label() + " of " + userId);
    }

    /** Runs steps on their own: a failure is logged and counted, and the run goes on. */
    private static final class Steps {
        int failed;

        boolean attempt(Runnable step) {
            return attempt(() -> {
                step.run();
                return true;
            }, false);
        }

        <T> T attempt(Supplier<T> step, T otherwise) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                failed++;
                LOG.log(Level.WARNING, "Reconciliation step failed; it is retried on the next run: " + e);
                return otherwise;
            }
        }
    }

    /** What one run did, and how many of its steps failed (each is retried on the next run). */
    public record Report(boolean ran, int refreshed, int settled, int adopted, int retired, int failed) {
        static final Report NOT_RUN = new Report(false, 0, 0, 0, 0, 0);
    }
}
