package io.tollgate.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready once the instance is stopping, so a load balancer stops sending it requests. */
@Readiness
@ApplicationScoped
public class ShutdownReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("accepting-requests").status(!GracefulShutdown.isDraining()).build();
    }
}
