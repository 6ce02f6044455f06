package io.tollgate.llmkeys;

import io.tollgate.credits.CreditService;
import io.tollgate.security.Actor;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Charges OpenRouter usage: exactly the increase of a key's lifetime usage since its last charge, times the rate,
 * captured from the key's hold (what goes beyond it is paid from available credits or owed by the account). Runs
 * inside the caller's transaction, which holds the account's lock.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class UsageMeter {

    static final Actor METER = Actor.system("openrouter-usage");

    @Inject
    CreditService credits;
    @Inject
    LlmPlan plan;

    public void charge(LlmKey key) {
        credits.capture(key.accountId(), key.holdId(), plan.creditsFor(key.takeUnchargedUsage()), METER,
                "OpenRouter usage of key " + key.label());
    }

    /** The key is finished: its last usage is charged and what its hold still reserves is freed. */
    public void settle(LlmKey key) {
        charge(key);
        key.holdId().ifPresent(hold -> credits.release(hold, METER));
    }
}
