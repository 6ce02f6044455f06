package io.tollgate.credits;

import io.tollgate.credits.Account;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the ledger: history pages, the last entry of a type, and per-account activity. Writes go through
 * {@link CreditService}. */
@Stateless
public class Ledger {

    @PersistenceContext
    EntityManager em;

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

    /** One type of entry on one day (UTC): how many, and the sum of their amounts. */
    public record DailyTotal(java.time.LocalDate day, EntryType type, long entries, BigDecimal amount) {
    }

    /** Entries per day and type since {@code since}, oldest day first: the console's overview. */
    public List<DailyTotal> dailyTotals(Instant since) {
        List<Object[]> rows = em.createNativeQuery("SELECT CAST(created_at AT TIME ZONE 'UTC' AS date), type, count(*),"
                        + " sum(amount) FROM ledger_entry WHERE created_at >= ?1 GROUP BY 1, 2 ORDER BY 1")
                .setParameter(1, io.tollgate.persistence.Timestamps.utc(since)).getResultList();
        return rows.stream().map(row -> new DailyTotal(((java.sql.Date) row[0]).toLocalDate(),
                EntryType.fromCode((String) row[1]), ((Number) row[2]).longValue(), (BigDecimal) row[3])).toList();
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
                .setParameter("spending", List.of(EntryType.SPEND, EntryType.LLM_USAGE, EntryType.DEBT_PAYMENT))
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
