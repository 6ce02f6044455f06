package io.tollgate.credits;

import io.tollgate.observability.Metrics;
import io.tollgate.observability.RequestId;
import io.tollgate.persistence.ClusterSchedule;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Audits the ledger once an hour for the whole cluster (the instance that claims the hour runs it), and publishes the
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
    @Inject
    ClusterSchedule schedule;

    @PostConstruct
    void publish() {
        metrics.ledgerAuditDifferences(() -> audit.latest().map(LedgerAuditRun::differences).orElse(0L));
    }

    @Schedule(hour = "*", minute = "41", persistent = false)
    void hourly() {
        if (schedule.claim("ledger-audit", Duration.ofHours(1))) {
            RequestId.during(RequestId.forJob("ledger-audit"), audit::run);
        }
    }
}
