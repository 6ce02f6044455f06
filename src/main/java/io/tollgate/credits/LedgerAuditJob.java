package io.tollgate.credits;

import io.tollgate.observability.Metrics;
import io.tollgate.observability.RequestId;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Audits the ledger every hour on each instance (the database lets one run at a time proceed), and publishes the
 * last run's differences as {@code tollgate_ledger_audit_differences}, read from the database so every instance
 * reports the cluster's last run.
 */
@Singleton
@Startup
public class LedgerAuditJob {

    @Inject
    LedgerAudit audit;
    @Inject
    Metrics metrics;

    @PostConstruct
    void publish() {
        metrics.ledgerAuditDifferences(() -> audit.latest().map(LedgerAuditRun::differences).orElse(0L));
    }

    @Schedule(hour = "*", minute = "41", persistent = false)
    void hourly() {
        RequestId.during(RequestId.forJob("ledger-audit"), audit::run);
    }
}
