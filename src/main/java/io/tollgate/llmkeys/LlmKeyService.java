package io.tollgate.llmkeys;

import io.tollgate.credits.LockedAccount;
import io.tollgate.observability.Metrics;
import io.tollgate.observability.OnCommit;
import io.tollgate.credits.Account;
import io.tollgate.credits.Accounts;
import io.tollgate.credits.CreditService;
import io.tollgate.credits.CreditsRefused;
import io.tollgate.credits.EntryType;
import io.tollgate.credits.Ledger;
import io.tollgate.credits.Posting;
import io.tollgate.crypto.MasterKey;
import io.tollgate.security.Actor;
import io.tollgate.security.Secrets;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands each user one OpenRouter key whose spend limit is backed by a hold on their credits (Puku's
 * {@code POST /api/key}, done right).
 * <p>
 * Every call for a user that changes anything runs under that user's account lock (taken through the credits
 * service), so concurrent calls create one key and agree on it. A key is issued with a hold of its limit; observed
 * usage is captured from the hold; when little room is left and credits are available, the key's limit is raised
 * at OpenRouter together with its hold, so a key is not replaced while it is usable. Keys disabled or deleted at
 * OpenRouter, expiring, or made before holds are retired and replaced. A key created at OpenRouter in a
 * transaction that then fails is deleted again, so no key lives there without its record.
 */
@Stateless
public class LlmKeyService {

    private static final Logger LOG = Logger.getLogger(LlmKeyService.class.getName());
    static final Actor KEYS = Actor.system("openrouter-keys");

    @PersistenceContext
    EntityManager em;
    @Inject
    OpenRouter openRouter;
    @Inject
    OpenRouterSettings openRouterSettings;
    @Inject
    UsageMeter meter;
    @Inject
    CreditService credits;
    @Inject
    Accounts accounts;
    @Inject
    Ledger ledger;
    @Inject
    MasterKey masterKey;
    @Inject
    LlmPlan plan;
    @Inject
    Metrics metrics;
    @Inject
    OnCommit onCommit;
    @Resource
    TransactionSynchronizationRegistry transactions;
    @Resource
    SessionContext session;

    /**
     * A healthy key with a fresh observation is answered from one read, without locks. Otherwise up to three
     * transactions, each under the account lock: the live key is observed and its usage charged (this commits even
     * when no key can be handed out after it); its limit is raised if it runs low (a failure to reach OpenRouter here
     * is not fatal while the key still has room); then the key is answered or a new one issued.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ApiKey keyFor(String userId) {
        if (!openRouterSettings.isEnabled()) {
            throw LlmKeysRefused.notOffered();
        }
        if (!openRouterSettings.isConfigured()) {
            throw LlmKeysRefused.notConfigured();
        }
        LlmKeyService self = session.getBusinessObject(LlmKeyService.class);
        return self.healthyKey(userId).orElseGet(() -> {
            self.observe(userId);
            Optional<LlmKeysRefused> refillFailed = Optional.empty();
            try {
                self.refill(userId);
            } catch (LlmKeysRefused e) {
                if (e.reason() != LlmKeysRefused.Reason.OPENROUTER_UNAVAILABLE) {
                    throw e;
                }
                refillFailed = Optional.of(e);
            }
            try {
                return self.issue(userId);
            } catch (CreditsRefused e) {
                if (e.reason() != CreditsRefused.Reason.INSUFFICIENT_CREDITS) {
                    throw e;
                }
                throw refillFailed.isPresent() ? refillFailed.get() : e; // could have been refilled, had OpenRouter answered
            }
        });
    }

    /** The live key, if it is healthy, freshly observed, has room, and the account may use it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<ApiKey> healthyKey(String userId) {
        Optional<LlmKey> live = liveKeyOf(userId);
        Instant now = Instant.now();
        if (live.isEmpty() || !live.get().isFresh(plan.staleness(), now)
                || live.get().needsReplacement(plan.staleness(), now)
                || live.get().roomUsd().compareTo(plan.refillAtRemainingUsd()) <= 0) {
            return Optional.empty();
        }
        Account account = accounts.find(userId);
        return account.isBlocked() ? Optional.empty()
                : Optional.of(answer(account.available(), live.get(), unseal(live.get())));
    }

    /**
     * Observes the live key if its observation is stale and charges new usage; retires it if OpenRouter disabled
     * it, it expires soon or it has no hold; forgets it if OpenRouter deleted it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void observe(String userId) {
        LockedAccount account = credits.lock(userId);
        Optional<LlmKey> live = liveKeyOf(userId);
        if (live.isEmpty()) {
            return;
        }
        LlmKey key = live.get();
        Instant now = Instant.now();
        if (!key.isFresh(plan.staleness(), now)) {
            Optional<KeyObservation> observed = Remote.call(() -> openRouter.get(key.openRouterHash()));
            if (observed.isEmpty()) {
                // Deleted at OpenRouter behind our back (Puku defect 1): what was observed is all it will ever use.
                meter.settle(account, key);
                key.deleted(now);
                return;
            }
            key.observe(observed.get(), now);
            meter.charge(account, key);
            if (key.limitDrifted()) {
                LOG.warning(() -> "OpenRouter key " + key.label() + " had another limit than recorded; restored");
                Remote.call(() -> openRouter.setLimit(key.openRouterHash(), key.limitUsd()));
            }
        }
        if (key.needsReplacement(plan.staleness(), now)) {
            retire(key, now);
        }
    }

    /**
     * Gives the live key more room when it runs low: its hold is raised from available credits and its limit at
     * OpenRouter with it. Nothing happens while the account owes credits or has nothing available; under the
     * {@code reset} policy a low account is first restored (bounded).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refill(String userId) {
        LockedAccount account = credits.lock(userId);
        Optional<LlmKey> live = liveKeyOf(userId);
        if (live.isEmpty() || account.isBlocked() || account.owed().signum() > 0
                || live.get().roomUsd().compareTo(plan.refillAtRemainingUsd()) > 0) {
            return;
        }
        LlmKey key = live.get();
        if (account.available().compareTo(plan.minCredits()) <= 0) {
            resetIfDue(account, Instant.now());
        }
        BigDecimal extraUsd = plan.extraRoomUsd(key.roomUsd(), account.available());
        if (extraUsd.signum() <= 0) {
            return;
        }
        BigDecimal oldLimit = key.limitUsd();
        BigDecimal newLimit = key.limitWithMoreRoom(extraUsd);
        credits.raiseHold(account, key.holdId().orElseThrow(), plan.creditsFor(extraUsd), KEYS);
        restoreLimitIfRolledBack(key.openRouterHash(), oldLimit);
        Remote.call(() -> openRouter.setLimit(key.openRouterHash(), newLimit));
        key.limitRaisedTo(newLimit);
        onCommit.run(() -> metrics.llmKey("refilled"));
    }

    /** Answers the live key while it has room, or issues a new one backed by a hold. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ApiKey issue(String userId) {
        LockedAccount account = credits.lock(userId);
        if (account.isBlocked()) {
            throw CreditsRefused.accountBlocked(userId);
        }
        Optional<LlmKey> live = liveKeyOf(userId);
        if (live.isEmpty()) {
            return newKey(account, Instant.now());
        }
        if (live.get().roomUsd().signum() > 0) {
            return answer(account.available(), live.get(), unseal(live.get()));
        }
        if (account.owed().signum() > 0) {
            throw CreditsRefused.debtOutstanding(account.owed());
        }
        throw CreditsRefused.insufficientCredits();
    }

    /** Disables the key at OpenRouter; its last usage is charged and its hold released once settled (reconciler). */
    private void retire(LlmKey key, Instant now) {
        Remote.call(() -> openRouter.disable(key.openRouterHash()));
        key.retire(now);
        onCommit.run(() -> metrics.llmKey("retired"));
    }

    /** The user's live key stops working now (an admin, or the reconciler for a blocked user); the next call gets a new one. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<String> retireLiveKey(String userId) {
        credits.lock(userId);
        Optional<LlmKey> live = liveKeyOf(userId);
        live.ifPresent(key -> retire(key, Instant.now()));
        return live.map(LlmKey::label);
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

    private Optional<LlmKey> liveKeyOf(String userId) {
        return em.createNamedQuery("LlmKey.ofInState", LlmKey.class).setParameter("account", userId)
                .setParameter("state", LlmKeyState.LIVE).getResultStream().findFirst();
    }

    /**
     * A new key: sized to what is available (at most the plan's key limit), its hold placed before OpenRouter is
     * asked, so a refusal (blocked, owed, too little) creates nothing there.
     */
    private ApiKey newKey(LockedAccount account, Instant now) {
        if (account.owed().signum() > 0) {
            throw CreditsRefused.debtOutstanding(account.owed());
        }
        if (account.available().compareTo(plan.minCredits()) <= 0 && !resetIfDue(account, now)) {
            throw CreditsRefused.insufficientCredits();
        }
        BigDecimal limitUsd = plan.keyLimitUsd().min(plan.usdFor(account.available()));
        if (limitUsd.signum() <= 0) {
            throw CreditsRefused.insufficientCredits();
        }
        String name = OpenRouter.NAME_PREFIX + account.userId() + ":" + UUID.randomUUID();
        long holdId = credits.placeHold(account, plan.creditsFor(limitUsd), "OpenRouter key " + name, KEYS);
        Instant expiresAt = now.plus(plan.keyLifetime());
        OpenRouter.CreatedKey created = Remote.call(() -> openRouter.create(name, limitUsd, expiresAt));
        deleteIfRolledBack(created.observation().hash());
        String id = UUID.randomUUID().toString();
        LlmKey key = new LlmKey(id, account.userId(), name, created,
                masterKey.seal(created.key().getBytes(StandardCharsets.UTF_8), id), Secrets.sha256Hex(created.key()),
                holdId, limitUsd, expiresAt, now);
        em.persist(key);
        onCommit.run(() -> metrics.llmKey("created"));
        return answer(account.available(), key, created.key());
    }

    /**
     * The low-credit policy. {@code reset} restores the plan's credits with a {@code reset} entry at most once per
     * {@code tollgate.llm.reset-period} (never Puku's unbounded reset loop); {@code block} restores nothing.
     * Answers whether credits were restored.
     */
    private boolean resetIfDue(LockedAccount account, Instant now) {
        Optional<BigDecimal> restored = plan.resetAmount(account.available(),
                ledger.lastEntry(account.userId(), EntryType.RESET), now);
        restored.ifPresent(credits -> this.credits.post(account, Posting.credit(account.userId(), EntryType.RESET, credits,
                Actor.system("low-credit-reset"), Optional.of("Plan credits restored"), Optional.empty())));
        return restored.isPresent();
    }

    /** If this transaction does not commit, the key just created at OpenRouter must not outlive it. */
    private void deleteIfRolledBack(String hash) {
        afterRollback(() -> openRouter.delete(hash), "delete an unrecorded OpenRouter key");
    }

    /** If this transaction does not commit, the key's limit goes back to what its hold covers. */
    private void restoreLimitIfRolledBack(String hash, BigDecimal limitUsd) {
        afterRollback(() -> openRouter.setLimit(hash, limitUsd), "restore an OpenRouter key's limit");
    }

    private void afterRollback(Runnable compensation, String what) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the outcome is known
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    try {
                        compensation.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Could not " + what + "; the reconciler will", e);
                    }
                }
            }
        });
    }

    private String unseal(LlmKey key) {
        return new String(masterKey.open(key.sealedKey(), key.id()), StandardCharsets.UTF_8);
    }

    /**
     * Puku's answer. {@code remaining_credits} is what the user can still spend: available credits plus what the
     * key's hold still reserves for it; {@code daily_limit} is what the key may spend now (USD).
     */
    private ApiKey answer(BigDecimal available, LlmKey key, String secret) {
        return new ApiKey(true, new ApiKey.Data(secret, available.add(plan.creditsFor(key.unchargedRoomUsd())),
                plan.planCredits(),
                key.roomUsd().max(BigDecimal.ZERO)));
    }
}
