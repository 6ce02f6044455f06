package io.tollgate.llmkeys;

import io.tollgate.accounts.Account;
import io.tollgate.ledger.Actor;
import io.tollgate.ledger.EntryType;
import io.tollgate.ledger.Ledger;
import io.tollgate.ledger.Posting;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Charges OpenRouter usage to the ledger: exactly the increase of a key's lifetime usage since its last charge,
 * times the rate, as {@code llm_usage}. What the balance cannot cover is kept on the key as owed, and paid first
 * whenever credits are there. Runs inside the caller's transaction, which holds the account's row lock.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class UsageMeter {

    @Inject
    Ledger ledger;
    @Inject
    LlmPlan plan;

    public void charge(Account account, LlmKey key) {
        BigDecimal usd = key.takeUnchargedUsage();
        if (usd.signum() > 0) {
            key.owe(plan.creditsFor(usd));
        }
        settleDebt(account, key);
    }

    public void settleDebt(Account account, LlmKey key) {
        BigDecimal payable = key.unpaidCredits().min(account.balance());
        if (payable.signum() > 0) {
            ledger.post(account, Posting.debit(account.userId(), EntryType.LLM_USAGE, payable,
                    Actor.system("openrouter-usage"), Optional.of("OpenRouter usage of key " + key.label()),
                    Optional.empty()));
            key.paid(payable);
        }
    }
}
