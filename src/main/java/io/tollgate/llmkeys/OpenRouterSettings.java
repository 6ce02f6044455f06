package io.tollgate.llmkeys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where OpenRouter is and the management key to call it with; without a key, OpenRouter keys are off (503). */
@ApplicationScoped
public class OpenRouterSettings {

    @Inject
    @ConfigProperty(name = "tollgate.openrouter.base-url", defaultValue = "https://openrouter.ai/api/v1")
    String baseUrl;
    @Inject
    @ConfigProperty(name = "tollgate.openrouter.management-key")
    Optional<String> managementKey;

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
