package io.tollgate.llmkeys;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** Runs the reconciliation every minute on each instance; the database lets one run at a time proceed. */
@Singleton
public class LlmKeyReconciler {

    @Inject
    LlmKeyReconciliation reconciliation;

    @Schedule(hour = "*", minute = "*", persistent = false)
    void everyMinute() {
        reconciliation.reconcile();
    }
}
