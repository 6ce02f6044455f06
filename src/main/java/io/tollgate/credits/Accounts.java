package io.tollgate.credits;

import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** Finds and lists accounts, without locks. Every change goes through {@link CreditService}. */
@Stateless
public class Accounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    Ledger ledger;

    public Account find(String userId) {
        Account account = em.find(Account.class, userId);
        if (account == null) {
            throw CreditsRefused.unknownAccount(userId);
        }
        return account;
    }

    public boolean exists(String userId) {
        return em.find(Account.class, userId) != null;
    }

    /** Which of these accounts are blocked. */
    public Set<String> blockedAmong(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createQuery("SELECT a.userId FROM Account a WHERE a.userId IN :ids AND a.status = :blocked",
                        String.class)
                .setParameter("ids", userIds).setParameter("blocked", AccountStatus.BLOCKED).getResultList());
    }

    /** A page of accounts, by user id, with how many entries each has and how much each has spent. */
    public Page<AccountSummary> summaries(PageRequest request) {
        Page<Account> page = Page.of(em.createNamedQuery("Account.page", Account.class)
                        .setParameter("after", request.after().orElse(""))
                        .setMaxResults(request.limit() + 1)
                        .getResultList(),
                request.limit(), Account::userId);
        Map<String, Ledger.AccountActivity> activity = ledger.activity(page.items().stream().map(Account::userId).toList());
        return page.map(account -> AccountSummary.of(account,
                activity.getOrDefault(account.userId(), Ledger.AccountActivity.NONE)));
    }

    /** Accounts that owe credits, and how much they owe together. */
    public record Debts(long accounts, java.math.BigDecimal owed) {
    }

    public Debts debts() {
        Object[] row = (Object[]) em.createQuery("SELECT count(a), coalesce(sum(a.owed), 0) FROM Account a WHERE a.owed > 0")
                .getSingleResult();
        return new Debts(((Number) row[0]).longValue(), new java.math.BigDecimal(row[1].toString()));
    }
}
