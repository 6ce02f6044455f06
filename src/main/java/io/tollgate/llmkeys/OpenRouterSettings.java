package io.tollgate.llmkeys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether OpenRouter keys are offered, where OpenRouter is and the management key to call it with. Offered without
 * a key, {@code /api/key} answers 503 and the service is not ready; not offered, it answers 404.
 */
@ApplicationScoped
public class OpenRouterSettings {

    @Inject
    @ConfigProperty(name = "tollgate.openrouter.base-url", defaultValue = "https://openrouter.ai/api/v1")
    String baseUrl;
    @Inject
    @ConfigProperty(name = "tollgate.openrouter.management-key")
    Optional<String> managementKey;

    @Inject
    @ConfigProperty(name = "tollgate.llm.enabled", defaultValue = "true")
    boolean enabled;

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isConfigured() {
        return managementKey.filter(key -> !key.isBlank()).isPresent();
    }

    String baseUrl() {
        return baseUrl;
    }

    String managementKey() {
        return managementKey.orElse("");
    }
}
