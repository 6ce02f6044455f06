package io.tollgate.llmkeys;

import io.tollgate.credits.CreditService;
import io.tollgate.credits.EntryType;
import io.tollgate.credits.Ledger;
import io.tollgate.credits.LockedAccount;
import io.tollgate.credits.Posting;
import io.tollgate.observability.Metrics;
import io.tollgate.observability.OnCommit;
import io.tollgate.security.Actor;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A live key's middle life, each step in a transaction of its own under the account's lock: observed at OpenRouter
 * and its new usage charged; given more room (its hold and its limit together) when it runs low.
 */
@Stateless
public class LlmKeyUpkeep {

    private static final Logger LOG = Logger.getLogger(LlmKeyUpkeep.class.getName());

    @Inject
    OpenRouter openRouter;
    @Inject
    CreditService credits;
    @Inject
    LlmKeys keys;
    @Inject
    LlmKeyRetirement retirement;
    @Inject
    UsageMeter meter;
    @Inject
    LlmPlan plan;
    @Inject
    Ledger ledger;
    @Inject
    OpenRouterCompensation compensation;
    @Inject
    Metrics metrics;
    @Inject
    OnCommit onCommit;

    /**
     * Observes the live key if its observation is stale and charges new usage; retires it if OpenRouter disabled
     * it, it expires soon or it has no hold; forgets it if OpenRouter deleted it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void observe(String userId) {
        LockedAccount account = credits.lock(userId);
        Optional<LlmKey> live = keys.live(userId);
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
            retirement.retire(key, now);
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
        Optional<LlmKey> live = keys.live(userId);
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
        credits.raiseHold(account, key.holdId().orElseThrow(), plan.creditsFor(extraUsd), LlmKeyIssuance.KEYS);
        compensation.restoreLimitIfRolledBack(key.openRouterHash(), oldLimit);
        Remote.call(() -> openRouter.setLimit(key.openRouterHash(), newLimit));
        key.limitRaisedTo(newLimit);
        onCommit.run(() -> metrics.llmKey("refilled"));
    }

    /**
     * The low-credit policy. {@code reset} restores the plan's credits with a {@code reset} entry at most once per
     * {@code tollgate.llm.reset-period} (never Puku's unbounded reset loop); {@code block} restores nothing.
     * Answers whether credits were restored.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean resetIfDue(LockedAccount account, Instant now) {
        Optional<BigDecimal> restored = plan.resetAmount(account.available(),
                ledger.lastEntry(account.userId(), EntryType.RESET), now);
        restored.ifPresent(credits -> this.credits.post(account, Posting.credit(account.userId(), EntryType.RESET, credits,
                Actor.system("low-credit-reset"), Optional.of("Plan credits restored"), Optional.empty())));
        return restored.isPresent();
    }
}
