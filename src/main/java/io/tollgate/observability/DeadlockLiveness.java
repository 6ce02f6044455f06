package io.tollgate.observability;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Down when threads are deadlocked on each other's monitors or locks: they never recover, and only a restart
 * frees them. Database and OpenRouter trouble is for readiness, never liveness: restarting does not fix either.
 */
@Liveness
@ApplicationScoped
public class DeadlockLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        int count = deadlocked == null ? 0 : deadlocked.length;
        return HealthCheckResponse.named("threads").status(count == 0).withData("deadlocked", count).build();
    }
}
