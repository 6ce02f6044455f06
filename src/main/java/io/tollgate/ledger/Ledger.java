package io.tollgate.ledger;

import io.tollgate.accounts.Account;
import io.tollgate.problem.ProblemException;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only way credit moves. A posting locks the account row ({@code SELECT ... FOR UPDATE}), lets the account
 * apply the change, and appends the entry in the same transaction: concurrent postings to one account queue on
 * the lock, so no balance goes below zero and every balance is the sum of its entries.
 */
@Stateless
public class Ledger {

    @PersistenceContext
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    public LedgerEntry post(Posting posting) {
        Account account = em.find(Account.class, posting.userId(), LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw ProblemException.notFound("User " + posting.userId() + " not found");
        }
        return post(account, posting);
    }

    /** Posts to an account the caller has just created or already holds locked in this transaction. */
    public LedgerEntry post(Account account, Posting posting) {
        Instant now = clock.instant();
        BigDecimal balanceAfter = account.apply(posting.signedAmount(), posting.type().isPurchase(), now);
        LedgerEntry entry = new LedgerEntry(account.userId(), posting, posting.signedAmount(), balanceAfter, now);
        em.persist(entry);
        em.flush(); // assigns the entry's id, which the answer names
        return entry;
    }

    /** Entries newest first, optionally of one account and one type. */
    public Page<LedgerEntry> history(Optional<String> userId, Optional<EntryType> type, PageRequest page) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<LedgerEntry> query = cb.createQuery(LedgerEntry.class);
        Root<LedgerEntry> entry = query.from(LedgerEntry.class);
        List<Predicate> where = new ArrayList<>();
        userId.ifPresent(id -> where.add(cb.equal(entry.get("accountId"), id)));
        type.ifPresent(t -> where.add(cb.equal(entry.get("type"), t)));
        page.afterId().ifPresent(id -> where.add(cb.lessThan(entry.get("id"), id)));
        query.select(entry).where(where.toArray(Predicate[]::new)).orderBy(cb.desc(entry.get("id")));
        List<LedgerEntry> rows = em.createQuery(query).setMaxResults(page.limit() + 1).getResultList();
        return Page.of(rows, page.limit(), e -> e.id().toString());
    }

    /** When the account last had an entry of this type. */
    public Optional<Instant> lastEntry(String userId, EntryType type) {
        return em.createNamedQuery("LedgerEntry.lastOfType", LedgerEntry.class)
                .setParameter("account", userId).setParameter("type", type)
                .setMaxResults(1).getResultStream().findFirst().map(LedgerEntry::createdAt);
    }

    /** Per account: how many entries it has and how much it has spent. */
    public Map<String, AccountActivity> activity(List<String> userIds) {
        Map<String, AccountActivity> activity = new HashMap<>();
        if (userIds.isEmpty()) {
            return activity;
        }
        for (Object[] row : em.createNamedQuery("LedgerEntry.countByAccount", Object[].class)
                .setParameter("accounts", userIds).getResultList()) {
            activity.put((String) row[0], new AccountActivity(((Number) row[1]).longValue(), BigDecimal.ZERO));
        }
        for (Object[] row : em.createNamedQuery("LedgerEntry.spentByAccount", Object[].class)
                .setParameter("accounts", userIds)
                .setParameter("spend", EntryType.SPEND)
                .setParameter("llmUsage", EntryType.LLM_USAGE)
                .getResultList()) {
            activity.computeIfPresent((String) row[0],
                    (id, counted) -> new AccountActivity(counted.entries(), ((BigDecimal) row[1]).negate()));
        }
        return activity;
    }

    public record AccountActivity(long entries, BigDecimal spent) {
        public static final AccountActivity NONE = new AccountActivity(0, BigDecimal.ZERO);
    }
}
