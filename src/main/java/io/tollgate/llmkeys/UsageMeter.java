package io.tollgate.llmkeys;

import io.tollgate.credits.CreditService;
import io.tollgate.credits.LockedAccount;
import io.tollgate.security.Actor;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Charges OpenRouter usage: exactly the increase of a key's lifetime usage since its last charge, times the rate,
 * captured from the key's hold (what goes beyond it is paid from available credits or owed by the account). Runs
 * inside the caller's transaction, on the account it locked.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class UsageMeter {

    static final Actor METER = Actor.system("openrouter-usage");

    @Inject
    CreditService credits;
    @Inject
    LlmPlan plan;

    public void charge(LockedAccount account, LlmKey key) {
        credits.capture(account, key.holdId(), plan.creditsFor(key.takeUnchargedUsage()), METER,
                "OpenRouter usage of key " + key.label());
    }

    /** The key is finished: its last usage is charged and what its hold still reserves is freed. */
    public void settle(LockedAccount account, LlmKey key) {
        charge(account, key);
        key.holdId().ifPresent(hold -> credits.release(account, hold, METER));
    }
}
