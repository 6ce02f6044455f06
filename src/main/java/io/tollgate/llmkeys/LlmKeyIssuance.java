package io.tollgate.llmkeys;

import io.tollgate.credits.CreditService;
import io.tollgate.credits.CreditsRefused;
import io.tollgate.credits.LockedAccount;
import io.tollgate.crypto.MasterKey;
import io.tollgate.observability.Metrics;
import io.tollgate.observability.OnCommit;
import io.tollgate.security.Actor;
import io.tollgate.security.Secrets;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Hands each user one OpenRouter key whose spend limit is backed by a hold on their credits (Puku's
 * {@code POST /api/key}, done right).
 * <p>
 * Every step for a user that changes anything runs under that user's account lock (taken once per step through the
 * credits service), so concurrent calls create one key and agree on it. A key is issued with a hold of its limit;
 * its upkeep ({@link LlmKeyUpkeep}) charges observed usage from the hold and raises limit and hold together when
 * it runs low, so a key is not replaced while it is usable; keys disabled or deleted at OpenRouter, expiring, or made
 * before holds are retired ({@link LlmKeyRetirement}) and replaced. A key created at OpenRouter in a transaction that
 * then fails is deleted again, so no key lives there without its record.
 */
@Stateless
public class LlmKeyIssuance {

    /** Who moves credits for keys: their holds and their raises. */
    static final Actor KEYS = Actor.system("openrouter-keys");

    @PersistenceContext
    EntityManager em;
    @Inject
    OpenRouter openRouter;
    @Inject
    OpenRouterSettings openRouterSettings;
    @Inject
    CreditService credits;
    @Inject
    LlmKeys keys;
    @Inject
    LlmKeyUpkeep upkeep;
    @Inject
    MasterKey masterKey;
    @Inject
    LlmPlan plan;
    @Inject
    OpenRouterCompensation compensation;
    @Inject
    Metrics metrics;
    @Inject
    OnCommit onCommit;
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
        LlmKeyIssuance self = session.getBusinessObject(LlmKeyIssuance.class);
        return keys.healthyKey(userId).orElseGet(() -> {
            upkeep.observe(userId);
            Optional<LlmKeysRefused> refillFailed = Optional.empty();
            try {
                upkeep.refill(userId);
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

    /** Answers the live key while it has room, or issues a new one backed by a hold. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ApiKey issue(String userId) {
        LockedAccount account = credits.lock(userId);
        if (account.isBlocked()) {
            throw CreditsRefused.accountBlocked(userId);
        }
        Optional<LlmKey> live = keys.live(userId);
        if (live.isEmpty()) {
            return newKey(account, Instant.now());
        }
        if (live.get().roomUsd().signum() > 0) {
            return ApiKey.of(keys.secretOf(live.get()), account.available(), live.get(), plan);
        }
        if (account.owed().signum() > 0) {
            throw CreditsRefused.debtOutstanding(account.owed());
        }
        throw CreditsRefused.insufficientCredits();
    }

    /**
     * A new key: sized to what is available (at most the plan's key limit), its hold placed before OpenRouter is
     * asked, so a refusal (blocked, owed, too little) creates nothing there.
     */
    private ApiKey newKey(LockedAccount account, Instant now) {
        if (account.owed().signum() > 0) {
            throw CreditsRefused.debtOutstanding(account.owed());
        }
        if (account.available().compareTo(plan.minCredits()) <= 0 && !upkeep.resetIfDue(account, now)) {
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
        compensation.deleteIfRolledBack(created.observation().hash());
        String id = UUID.randomUUID().toString();
        LlmKey key = new LlmKey(id, account.userId(), name, created,
                masterKey.seal(created.key().getBytes(StandardCharsets.UTF_8), id), Secrets.sha256Hex(created.key()),
                holdId, limitUsd, expiresAt, now);
        em.persist(key);
        onCommit.run(() -> metrics.llmKey("created"));
        return ApiKey.of(created.key(), account.available(), key, plan);
    }
}
