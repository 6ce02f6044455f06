package io.tollgate.llmkeys;

import io.tollgate.credits.CreditService;
import io.tollgate.credits.LockedAccount;
import io.tollgate.observability.Metrics;
import io.tollgate.observability.OnCommit;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * The end of a key's life: it is disabled at OpenRouter ({@code retiring}), and once its last usage has arrived it
 * is settled: that usage charged, its hold released, and the key deleted at OpenRouter ({@code deleted}).
 */
@Stateless
public class LlmKeyRetirement {

    @PersistenceContext
    EntityManager em;
    @Inject
    OpenRouter openRouter;
    @Inject
    CreditService credits;
    @Inject
    LlmKeys keys;
    @Inject
    UsageMeter meter;
    @Inject
    Metrics metrics;
    @Inject
    OnCommit onCommit;
    @Resource
    SessionContext session;

    /** Disables the key at OpenRouter; its last usage is charged and its hold released once settled (reconciler). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void retire(LlmKey key, Instant now) {
        Remote.call(() -> openRouter.disable(key.openRouterHash()));
        key.retire(now);
        onCommit.run(() -> metrics.llmKey("retired"));
    }

    /** The user's live key stops working now (an admin, or the reconciler for a blocked user); the next call gets a new one. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<String> retireLiveKey(String userId) {
        credits.lock(userId);
        Optional<LlmKey> live = keys.live(userId);
        live.ifPresent(key -> self().retire(key, Instant.now()));
        return live.map(LlmKey::label);
    }

    /** The key's last usage is charged, its hold released, and it is deleted at OpenRouter. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void settle(String keyId) {
        LlmKey key = em.find(LlmKey.class, keyId);
        LockedAccount account = credits.lock(key.accountId());
        em.refresh(key);
        if (key.state() != LlmKeyState.RETIRING) {
            return;
        }
        Remote.call(() -> openRouter.get(key.openRouterHash()))
                .ifPresent(observation -> key.observe(observation, Instant.now()));
        meter.settle(account, key);
        Remote.run(() -> openRouter.delete(key.openRouterHash()));
        key.deleted(Instant.now());
        onCommit.run(() -> metrics.llmKey("deleted"));
    }

    private LlmKeyRetirement self() {
        return session.getBusinessObject(LlmKeyRetirement.class);
    }
}
