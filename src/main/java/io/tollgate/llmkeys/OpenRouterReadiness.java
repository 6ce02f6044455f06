package io.tollgate.llmkeys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while {@code /api/key} is offered without a management key to call OpenRouter with. OpenRouter itself
 * is not called: its outage makes {@code /api/key} answer 503 but leaves every other endpoint working, and taking
 * every instance out of the load balancer for it would stop those too.
 */
@Readiness
@ApplicationScoped
public class OpenRouterReadiness implements HealthCheck {

    @Inject
    OpenRouterSettings settings;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("openrouter-keys")
                .withData("offered", settings.isEnabled());
        if (settings.isEnabled() && !settings.isConfigured()) {
            return response.down().withData("missing", "tollgate.openrouter.management-key (or set"
                    + " tollgate.llm.enabled=false)").build();
        }
        return response.up().build();
    }
}
