package io.tollgate.console;

import io.tollgate.credits.Accounts;
import io.tollgate.credits.EntryType;
import io.tollgate.credits.Ledger;
import io.tollgate.credits.LedgerAudit;
import io.tollgate.credits.LedgerAuditRun;
import io.tollgate.llmkeys.LastReconciliation;
import io.tollgate.llmkeys.LlmKeys;
import io.tollgate.security.Caller;
import io.tollgate.webhooks.PaymentService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The console's overview: the last {@value #DAYS} days of credit granted and spent (drawn as bars), vends and
 * OpenRouter usage per day, keys live, debts, refused payments, and the last reconciliation and ledger audit.
 */
@Named
@RequestScoped
public class ConsoleOverview {

    static final int DAYS = 14;
    /** Height of the chart's tallest bar, in SVG units. */
    private static final int CHART_HEIGHT = 160;
    private static final Set<EntryType> GRANTED = Set.of(EntryType.USER_CREATION, EntryType.ADMIN_ADD,
            EntryType.ADD_WEBHOOK, EntryType.API_ADD);
    private static final Set<EntryType> SPENT = Set.of(EntryType.SPEND, EntryType.LLM_USAGE);

    @Inject
    Caller caller;
    @Inject
    Ledger ledger;
    @Inject
    Accounts accounts;
    @Inject
    LlmKeys llmKeys;
    @Inject
    PaymentService payments;
    @Inject
    LastReconciliation reconciliation;
    @Inject
    LedgerAudit ledgerAudit;

    /** One day: credit granted and spent, vends, OpenRouter usage (credits), and the heights of its two bars. */
    public record Day(LocalDate day, BigDecimal granted, BigDecimal spent, long vends, BigDecimal openRouterUsage,
                      int grantedHeight, int spentHeight) {
    }

    private List<Day> days;

    @PostConstruct
    void load() {
        caller.admin();
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS - 1L);
        Map<LocalDate, BigDecimal[]> sums = new TreeMap<>();
        Map<LocalDate, Long> vends = new TreeMap<>();
        for (int i = 0; i < DAYS; i++) {
            sums.put(first.plusDays(i), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
        }
        for (Ledger.DailyTotal total : ledger.dailyTotals(first.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            BigDecimal[] day = sums.get(total.day());
            if (day == null) {
                continue;
            }
            if (GRANTED.contains(total.type())) {
                day[0] = day[0].add(total.amount());
            } else if (SPENT.contains(total.type())) {
                day[1] = day[1].add(total.amount().negate());
            }
            if (total.type() == EntryType.LLM_USAGE) {
                day[2] = day[2].add(total.amount().negate());
            } else if (total.type() == EntryType.SPEND) {
                vends.put(total.day(), total.entries());
            }
        }
        BigDecimal tallest = sums.values().stream().flatMap(d -> List.of(d[0], d[1]).stream())
                .max(BigDecimal::compareTo).filter(max -> max.signum() > 0).orElse(BigDecimal.ONE);
        days = new ArrayList<>();
        sums.forEach((day, d) -> days.add(new Day(day, d[0], d[1], vends.getOrDefault(day, 0L), d[2],
                height(d[0], tallest), height(d[1], tallest))));
    }

    private static int height(BigDecimal value, BigDecimal tallest) {
        return value.multiply(BigDecimal.valueOf(CHART_HEIGHT)).divide(tallest, MathContext.DECIMAL64).intValue();
    }

    public List<Day> getDays() {
        return days;
    }

    public int getChartHeight() {
        return CHART_HEIGHT;
    }

    public long getLiveKeys() {
        return llmKeys.liveKeyCount();
    }

    public Accounts.Debts getDebts() {
        return accounts.debts();
    }

    public long getRefusedPayments() {
        return payments.refusalCount();
    }

    public Optional<LastReconciliation.Run> getLastReconciliation() {
        return reconciliation.get();
    }

    public Optional<LedgerAuditRun> getLastLedgerAudit() {
        return ledgerAudit.latest();
    }

    public Instant getNow() {
        return Instant.now();
    }
}
