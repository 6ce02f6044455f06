package io.tollgate.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while nobody can authenticate: no key to verify user tokens with and no admin secret. Names what is
 * configured (kinds of credential, never a secret), so an operator sees what is missing.
 */
@Readiness
@ApplicationScoped
public class AuthenticationReadiness implements HealthCheck {

    @Inject
    UserTokenVerifier userTokens;
    @Inject
    TollgateAuthenticationMechanism mechanism;

    @Override
    public HealthCheckResponse call() {
        List<String> tokens = userTokens.acceptedTokens();
        boolean adminSecret = mechanism.acceptsAdminSecret();
        boolean admins = adminSecret || userTokens.acceptsAdminTokens();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("authentication")
                .status(!tokens.isEmpty() || admins)
                .withData("user-tokens", tokens.isEmpty() ? "none (mp.jwt.verify.publickey[.location] or"
                        + " tollgate.auth.hs256-secret)" : String.join(", ", tokens))
                .withData("admins", admins ? (adminSecret ? "admin secret" : "admin-group tokens")
                        : "none (tollgate.admin.secret or admin-group tokens)");
        return response.build();
    }
}
