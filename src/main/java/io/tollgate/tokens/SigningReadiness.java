package io.tollgate.tokens;

import io.tollgate.persistence.SchemaStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while tokens cannot be signed (no master key to seal generated keys, no configured signing key, or a
 * key that cannot be opened): every vend would answer 503. Signing keys live in the database, so before the schema is
 * migrated there is nothing to look at yet.
 */
@Readiness
@ApplicationScoped
public class SigningReadiness implements HealthCheck {

    @Inject
    SigningKeys signingKeys;
    @Inject
    SchemaStatus schema;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("token-signing");
        if (!schema.isMigrated()) {
            return response.down().withData("waiting", SchemaStatus.NOT_YET).build();
        }
        try {
            SigningKeys.Signer signer = signingKeys.signer();
            return response.up().withData("kid", signer.kid()).withData("algorithm", signer.algorithm().getName())
                    .build();
        } catch (RuntimeException e) {
            return response.down().withData("missing", "a usable signing key: tollgate.crypto.master-key (keys are"
                    + " generated and sealed with it) or tollgate.tokens.signing-key").build();
        }
    }
}
