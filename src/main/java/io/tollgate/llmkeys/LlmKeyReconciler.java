package io.tollgate.llmkeys;

import io.tollgate.observability.RequestId;
import io.tollgate.persistence.ClusterSchedule;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Runs the reconciliation once a minute for the whole cluster: every instance's timer fires, the one that claims the
 * minute runs it. Each run has its own id, on its log lines and on the ledger entries it writes.
 */
@Singleton
public class LlmKeyReconciler {

    @Inject
    LlmKeyReconciliation reconciliation;
    @Inject
    ClusterSchedule schedule;

    @Schedule(hour = "*", minute = "*", persistent = false)
    void everyMinute() {
        if (schedule.claim("reconciliation", Duration.ofMinutes(1))) {
            RequestId.during(RequestId.forJob("reconciliation"), reconciliation::reconcile);
        }
    }
}
