package io.tollgate.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Ready when the database answers and still holds the schema this WAR migrated; started once the migration ran.
 */
@ApplicationScoped
public class DatabaseHealth {

    @Inject
    SchemaStatus schema;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            Optional<Boolean> current = schema.isSchemaCurrent(2);
            HealthCheckResponseBuilder response = HealthCheckResponse.named("database")
                    .status(current.orElse(false))
                    .withData("reachable", current.isPresent());
            current.ifPresent(migrated -> response.withData("migrated", migrated));
            return response.build();
        };
    }

    @Produces
    @Startup
    HealthCheck schema() {
        return () -> HealthCheckResponse.named("schema-migration").status(schema.isMigrated()).build();
    }
}
