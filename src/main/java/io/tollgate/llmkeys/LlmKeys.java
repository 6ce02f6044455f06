package io.tollgate.llmkeys;

import io.tollgate.credits.Account;
import io.tollgate.credits.Accounts;
import io.tollgate.crypto.MasterKey;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** The OpenRouter keys as they are: a user's live key, the keys admins list, and a healthy key read without locks. */
@Stateless
public class LlmKeys {

    @PersistenceContext
    EntityManager em;
    @Inject
    Accounts accounts;
    @Inject
    MasterKey masterKey;
    @Inject
    LlmPlan plan;

    /** The live key, if it is healthy, freshly observed, has room, and the account may use it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<ApiKey> healthyKey(String userId) {
        Optional<LlmKey> live = live(userId);
        Instant now = Instant.now();
        if (live.isEmpty() || !live.get().isFresh(plan.staleness(), now)
                || live.get().needsReplacement(plan.staleness(), now)
                || live.get().roomUsd().compareTo(plan.refillAtRemainingUsd()) <= 0) {
            return Optional.empty();
        }
        Account account = accounts.find(userId);
        return account.isBlocked() ? Optional.empty()
                : Optional.of(ApiKey.of(secretOf(live.get()), account.available(), live.get(), plan));
    }

    /** The user's live key: at most one. */
    public Optional<LlmKey> live(String userId) {
        return em.createNamedQuery("LlmKey.ofInState", LlmKey.class).setParameter("account", userId)
                .setParameter("state", LlmKeyState.LIVE).getResultStream().findFirst();
    }

    /** The key's secret, opened from its sealed copy: only to hand it to its user. */
    public String secretOf(LlmKey key) {
        return new String(masterKey.open(key.sealedKey(), key.id()), StandardCharsets.UTF_8);
    }

    /** Keys users can spend on now. */
    public long liveKeyCount() {
        return em.createQuery("SELECT count(k) FROM LlmKey k WHERE k.state = :state", Long.class)
                .setParameter("state", LlmKeyState.LIVE).getSingleResult();
    }

    /** Admin: keys not yet deleted, of one user or of all, by key id. */
    public Page<LlmKeyJson> list(Optional<String> userId, PageRequest page) {
        var query = userId.isPresent()
                ? em.createNamedQuery("LlmKey.pageOf", LlmKey.class).setParameter("account", userId.get())
                : em.createNamedQuery("LlmKey.page", LlmKey.class);
        return Page.of(query.setParameter("deleted", LlmKeyState.DELETED)
                        .setParameter("after", page.after().orElse(""))
                        .setMaxResults(page.limit() + 1)
                        .getResultList(), page.limit(), LlmKey::id)
                .map(key -> LlmKeyJson.of(key, plan.creditsFor(key.unchargedRoomUsd())));
    }
}
