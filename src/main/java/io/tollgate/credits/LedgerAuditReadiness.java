package io.tollgate.credits;

import io.tollgate.persistence.SchemaStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The last ledger audit, as a readiness detail. It stays UP when the audit found differences: they need a person,
 * and taking every instance out of the load balancer would turn a bookkeeping question into an outage. The
 * {@code tollgate_ledger_audit_differences} metric is what to alert on.
 */
@Readiness
@ApplicationScoped
public class LedgerAuditReadiness implements HealthCheck {

    @Inject
    LedgerAudit audit;
    @Inject
    SchemaStatus schema;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ledger-audit").up();
        if (!schema.isMigrated()) {
            return response.withData("last-run", SchemaStatus.NOT_YET).build();
        }
        try {
            audit.latest().ifPresentOrElse(run -> response
                            .withData("last-run", run.finishedAt().toString())
                            .withData("accounts-checked", run.accountsChecked())
                            .withData("differences", run.differences()),
                    () -> response.withData("last-run", "none yet"));
        } catch (RuntimeException e) {
            response.withData("last-run", "unknown: the database did not answer");
        }
        return response.build();
    }
}
