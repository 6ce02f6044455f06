package io.tollgate.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the schema migrations have run and the database answers. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    SchemaMigrator migrator;

    @Override
    public HealthCheckResponse call() {
        boolean migrated = migrator.isMigrated();
        boolean reachable = migrator.isDatabaseReachable(2);
        return HealthCheckResponse.named("database")
                .status(migrated && reachable)
                .withData("migrated", migrated)
                .withData("reachable", reachable)
                .build();
    }
}
