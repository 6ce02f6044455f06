package io.tollgate.llmkeys;

import io.tollgate.observability.RequestId;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/**
 * Runs the reconciliation every minute on each instance; the database lets one run at a time proceed. Each run has
 * its own id, on its log lines and on the ledger entries it writes.
 */
@Singleton
public class LlmKeyReconciler {

    @Inject
    LlmKeyReconciliation reconciliation;

    @Schedule(hour = "*", minute = "*", persistent = false)
    void everyMinute() {
        RequestId.during(RequestId.forJob("reconciliation"), reconciliation::reconcile);
    }
}
