package io.tollgate.llmkeys;

import io.tollgate.accounts.Account;
import io.tollgate.accounts.AccountStatus;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brings Tollgate's records and OpenRouter's keys back into agreement:
 * <ul>
 * <li>live keys whose observation is stale are observed and charged (so usage is metered without calls);</li>
 * <li>retiring keys whose usage has had time to settle are observed a last time, charged, and deleted;</li>
 * <li>live keys of blocked accounts are disabled and retired;</li>
 * <li>keys named with Tollgate's prefix that have no record (a crash between "created at OpenRouter" and
 * "saved") are adopted, charged to their owner and deleted.</li>
 * </ul>
 * One run at a time across all instances: a run holds a PostgreSQL advisory lock; each key is settled in its own
 * transaction, under its owner's account lock, so one failure does not undo the others.
 */
@Stateless
public class LlmKeyReconciliation {

    private static final Logger LOG = Logger.getLogger(LlmKeyReconciliation.class.getName());
    private static final long ADVISORY_LOCK = 0x70_11_6a_7e_11_6bL;

    @PersistenceContext
    EntityManager em;
    @Inject
    OpenRouter openRouter;
    @Inject
    OpenRouterSettings openRouterSettings;
    @Inject
    UsageMeter meter;
    @Inject
    LlmKeyService keys;
    @Inject
    LlmPlan plan;
    @Resource
    SessionContext session;
    @Inject
    @ConfigProperty(name = "tollgate.llm.settle-after", defaultValue = "PT2M")
    Duration settleAfter;

    /** Runs once unless another instance is running; answers what it did. */
    public Report reconcile() {
        if (!openRouterSettings.isConfigured()
                || !(Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, ADVISORY_LOCK).getSingleResult()) {
            return new Report(false, 0, 0, 0, 0);
        }
        LlmKeyReconciliation self = session.getBusinessObject(LlmKeyReconciliation.class);
        Instant now = Instant.now();
        int retired = 0;
        for (String keyId : em.createQuery("SELECT k.id FROM LlmKey k, Account a WHERE a.userId = k.accountId"
                        + " AND k.state = 'live' AND a.status = :blocked", String.class)
                .setParameter("blocked", AccountStatus.BLOCKED).getResultList()) {
            retired += attempt(() -> self.retire(keyId)) ? 1 : 0;
        }
        int adopted = 0;
        Set<String> known = new HashSet<>(em.createQuery("SELECT k.name FROM LlmKey k", String.class).getResultList());
        for (KeyObservation remote : Remote.call(openRouter::listAll)) {
            if (remote.name().startsWith(OpenRouter.NAME_PREFIX) && !known.contains(remote.name())) {
                adopted += attempt(() -> self.adopt(remote)) ? 1 : 0;
            }
        }
        int refreshed = 0;
        Instant stale = now.minus(plan.staleness());
        for (String userId : em.createNamedQuery("LlmKey.staleLive", String.class)
                .setParameter("before", io.tollgate.persistence.Timestamps.utc(stale)).getResultList()) {
            refreshed += attempt(() -> keys.observe(userId)) ? 1 : 0;
        }
        int settled = 0;
        for (LlmKey key : em.createNamedQuery("LlmKey.retiringSince", LlmKey.class)
                .setParameter("before", io.tollgate.persistence.Timestamps.utc(now.minus(settleAfter)))
                .getResultList()) {
            String keyId = key.id();
            settled += attempt(() -> self.settle(keyId)) ? 1 : 0;
        }
        return new Report(true, refreshed, settled, adopted, retired);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void settle(String keyId) {
        LlmKey key = em.find(LlmKey.class, keyId);
        Account account = em.find(Account.class, key.accountId(), LockModeType.PESSIMISTIC_WRITE);
        em.refresh(key);
        if (!"retiring".equals(key.state())) {
            return;
        }
        Optional<KeyObservation> last = Remote.call(() -> openRouter.get(key.openRouterHash()));
        last.ifPresent(observation -> key.observe(observation, Instant.now()));
        meter.charge(account, key);
        Remote.run(() -> openRouter.delete(key.openRouterHash()));
        key.deleted(Instant.now());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void retire(String keyId) {
        LlmKey key = em.find(LlmKey.class, keyId);
        em.find(Account.class, key.accountId(), LockModeType.PESSIMISTIC_WRITE);
        em.refresh(key);
        if ("live".equals(key.state())) {
            Remote.call(() -> openRouter.disable(key.openRouterHash()));
            key.retire(Instant.now());
        }
    }

    /** Adopts an orphan of a known user (settled right after); an orphan naming no account is only deleted. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void adopt(KeyObservation orphan) {
        String rest = orphan.name().substring(OpenRouter.NAME_PREFIX.length());
        String userId = rest.contains(":") ? rest.substring(0, rest.lastIndexOf(':')) : rest;
        if (em.find(Account.class, userId) == null) {
            LOG.warning(() -> "Deleting OpenRouter key " + orphan.label() + " named for unknown user " + userId);
            Remote.run(() -> openRouter.delete(orphan.hash()));
            return;
        }
        LlmKey adopted = LlmKey.adoptOrphan(userId, orphan, Instant.now().minus(settleAfter).minusSeconds(1));
        em.persist(adopted);
        LOG.info(() -> "Adopted orphaned OpenRouter key " + orphan.label() + " of " + userId);
    }

    private static boolean attempt(Runnable step) {
        try {
            step.run();
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reconciliation step failed; it is retried on the next run", e);
            return false;
        }
    }

    /** What one run did. */
    public record Report(boolean ran, int refreshed, int settled, int adopted, int retired) {
    }
}
