package io.tollgate.llmkeys;

import io.tollgate.accounts.Account;
import io.tollgate.crypto.MasterKey;
import io.tollgate.ledger.Actor;
import io.tollgate.ledger.EntryType;
import io.tollgate.ledger.Ledger;
import io.tollgate.ledger.Posting;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import io.tollgate.problem.ProblemException;
import io.tollgate.problem.ProblemType;
import io.tollgate.security.Secrets;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands each user one OpenRouter key and charges its usage to their credits (Puku's {@code POST /api/key},
 * done right).
 * <p>
 * Every call for a user runs under that user's account row lock, so concurrent calls create one key and agree
 * on it. A healthy key is answered from its stored observation while that is fresher than the staleness; a stale
 * one is observed again, its new usage charged ({@code llm_usage}, exactly the increase of lifetime usage), and
 * rotated when little of its limit remains. A new key's limit is what the user can still pay for. A key created
 * at OpenRouter in a transaction that then fails is deleted again, so no key lives there without its record.
 */
@Stateless
public class LlmKeyService {

    private static final Logger LOG = Logger.getLogger(LlmKeyService.class.getName());

    @PersistenceContext
    EntityManager em;
    @Inject
    OpenRouter openRouter;
    @Inject
    OpenRouterSettings openRouterSettings;
    @Inject
    UsageMeter meter;
    @Inject
    Ledger ledger;
    @Inject
    MasterKey masterKey;
    @Inject
    LlmPlan plan;
    @Resource
    TransactionSynchronizationRegistry transactions;
    @Resource
    SessionContext session;

    /**
     * A healthy key with a fresh observation is answered from one read, without locks. Otherwise two
     * transactions, each under the account lock: first the live key is observed and its usage charged (this
     * commits even when no key can be handed out after it), then the key is answered or a new one issued.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ApiKey keyFor(String userId) {
        if (!openRouterSettings.isConfigured()) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "OpenRouter keys are not configured");
        }
        LlmKeyService self = session.getBusinessObject(LlmKeyService.class);
        return self.healthyKey(userId).orElseGet(() -> {
            self.observe(userId);
            return self.issue(userId);
        });
    }

    /** The live key, if it is healthy and freshly observed and the account may use it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<ApiKey> healthyKey(String userId) {
        Account account = em.find(Account.class, userId);
        if (account == null || account.isBlocked()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return liveKeyOf(userId)
                .filter(key -> key.isFresh(plan.staleness(), now) && !key.needsRotation(plan.rotateAtRemainingUsd()))
                .map(key -> answer(account, key, unseal(key)));
    }

    /** Observes the live key if its observation is stale, charges new usage, and retires or forgets it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void observe(String userId) {
        Account account = lockedAccount(userId);
        Instant now = Instant.now();
        Optional<LlmKey> live = liveKeyOf(userId);
        if (live.isEmpty() || live.get().isFresh(plan.staleness(), now)
                && !live.get().needsRotation(plan.rotateAtRemainingUsd())) {
            return;
        }
        LlmKey key = live.get();
        Optional<KeyObservation> observed = Remote.call(() -> openRouter.get(key.openRouterHash()));
        if (observed.isEmpty()) {
            // Deleted at OpenRouter behind our back (Puku defect 1): what was observed is all it will ever use.
            meter.charge(account, key);
            key.deleted(now);
            return;
        }
        key.observe(observed.get(), now);
        meter.charge(account, key);
        boolean exhausted = account.balance().compareTo(plan.minCredits()) <= 0 && !plan.resetsLowCredits();
        if (key.needsRotation(plan.rotateAtRemainingUsd()) || exhausted) {
            retire(key, now);
        }
    }

    /** Disables the key at OpenRouter; its last usage is charged once settled, then it is deleted (reconciler). */
    void retire(LlmKey key, Instant now) {
        Remote.call(() -> openRouter.disable(key.openRouterHash()));
        key.retire(now);
    }

    /** Admin: the user's live key stops working now; their next call gets a new one. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<String> retireLiveKey(String userId) {
        lockedAccount(userId);
        Optional<LlmKey> live = liveKeyOf(userId);
        live.ifPresent(key -> retire(key, Instant.now()));
        return live.map(LlmKey::label);
    }

    /** Admin: every key not yet deleted, by user. */
    public Page<LlmKeyJson> list(PageRequest page) {
        return Page.of(em.createNamedQuery("LlmKey.page", LlmKey.class)
                        .setParameter("after", page.after().orElse(""))
                        .setMaxResults(page.limit() + 1)
                        .getResultList(), page.limit(), LlmKey::id)
                .map(LlmKeyJson::of);
    }

    /** Answers the live key, or issues a new one the user can pay for. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ApiKey issue(String userId) {
        Account account = lockedAccount(userId);
        if (account.isBlocked()) {
            throw new ProblemException(ProblemType.ACCOUNT_BLOCKED, "Account " + userId + " is blocked");
        }
        Optional<LlmKey> live = liveKeyOf(userId);
        if (live.isPresent()) {
            return answer(account, live.get(), unseal(live.get()));
        }
        return newKey(account, Instant.now());
    }

    private Account lockedAccount(String userId) {
        Account account = em.find(Account.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw ProblemException.notFound("User " + userId + " not found");
        }
        return account;
    }

    private Optional<LlmKey> liveKeyOf(String userId) {
        return em.createNamedQuery("LlmKey.liveOf", LlmKey.class).setParameter("account", userId)
                .getResultStream().findFirst();
    }

    private ApiKey newKey(Account account, Instant now) {
        List<LlmKey> open = em.createNamedQuery("LlmKey.openOf", LlmKey.class)
                .setParameter("account", account.userId()).getResultList();
        for (LlmKey key : open) {
            meter.settleDebt(account, key);
        }
        BigDecimal owed = open.stream().map(LlmKey::unpaidCredits).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (owed.signum() > 0) {
            throw new ProblemException(ProblemType.INSUFFICIENT_CREDITS, "Usage of " + owed.stripTrailingZeros()
                    .toPlainString() + " credits beyond the key's limit must be covered before a new key");
        }
        if (account.balance().compareTo(plan.minCredits()) <= 0) {
            resetOrRefuse(account, now);
        }
        // Keys not yet deleted may still report usage: their spendable rest is reserved (Puku defect 2).
        BigDecimal reservedUsd = open.stream().filter(k -> !"deleted".equals(k.state())).map(LlmKey::spendableUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal limitUsd = plan.keyLimitUsd().min(plan.usdFor(account.balance()).subtract(reservedUsd));
        if (limitUsd.signum() <= 0) {
            throw new ProblemException(ProblemType.INSUFFICIENT_CREDITS, "Insufficient credits");
        }
        String name = OpenRouter.NAME_PREFIX + account.userId() + ":" + UUID.randomUUID();
        Instant expiresAt = now.plus(plan.keyLifetime());
        OpenRouter.CreatedKey created = Remote.call(() -> openRouter.create(name, limitUsd, expiresAt));
        deleteIfRolledBack(created.observation().hash());
        String id = UUID.randomUUID().toString();
        LlmKey key = new LlmKey(id, account.userId(), name, created,
                masterKey.seal(created.key().getBytes(StandardCharsets.UTF_8), id), Secrets.sha256Hex(created.key()),
                limitUsd, expiresAt, now);
        em.persist(key);
        return answer(account, key, created.key());
    }

    /**
     * The low-credit policy. {@code reset} restores the plan's credits with a {@code reset} entry at most once per
     * {@code tollgate.llm.reset-period} (never Puku's unbounded reset loop); {@code block} refuses.
     */
    private void resetOrRefuse(Account account, Instant now) {
        BigDecimal restored = plan.resetAmount(account.balance(),
                        ledger.lastEntry(account.userId(), EntryType.RESET), now)
                .orElseThrow(() -> new ProblemException(ProblemType.INSUFFICIENT_CREDITS, "Insufficient credits"));
        ledger.post(account, Posting.credit(account.userId(), EntryType.RESET, restored,
                Actor.system("low-credit-reset"), Optional.of("Plan credits restored"), Optional.empty()));
    }

    /** If this transaction does not commit, the key just created at OpenRouter must not outlive it. */
    private void deleteIfRolledBack(String hash) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the outcome is known
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    try {
                        openRouter.delete(hash);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Could not delete an unrecorded OpenRouter key; the reconciler will", e);
                    }
                }
            }
        });
    }

    private String unseal(LlmKey key) {
        return new String(masterKey.open(key.sealedKey(), key.id()), StandardCharsets.UTF_8);
    }

    private ApiKey answer(Account account, LlmKey key, String secret) {
        return new ApiKey(true, new ApiKey.Data(secret, account.balance(), plan.planCredits(), key.limitUsd()));
    }
}
