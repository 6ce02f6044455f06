package io.tollgate.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one Jakarta Security mechanism of the application. It reads {@code Authorization: Bearer ...} and accepts
 * the admin secret (constant-time) or a user JWT (see {@link UserTokenVerifier}). It never answers by itself:
 * the identity, or why the credentials were refused, is left on the request for {@link Caller}, so that every
 * endpoint decides what it requires and every refusal is the same problem JSON.
 */
@ApplicationScoped
public class TollgateAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    @Inject
    UserTokenVerifier userTokens;

    @Inject
    @ConfigProperty(name = "tollgate.admin.secret")
    Optional<String> adminSecret;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return context.doNothing();
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refuse(request, context, "The Authorization header must be 'Bearer <token>'");
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            return refuse(request, context, "Token missing from authorization header");
        }
        try {
            Identity identity = isAdminSecret(token) ? Identity.adminSecret() : userTokens.verify(token);
            request.setAttribute(Identity.ATTRIBUTE, identity);
            return context.notifyContainerAboutLogin(identity.subject(), identity.groups());
        } catch (InvalidCredentialsException e) {
            return refuse(request, context, e.getMessage());
        }
    }

    private boolean isAdminSecret(String token) {
        return adminSecret.filter(secret -> !secret.isBlank())
                .map(secret -> Secrets.constantTimeEquals(token, secret))
                .orElse(false);
    }

    private static AuthenticationStatus refuse(HttpServletRequest request, HttpMessageContext context, String reason) {
        request.setAttribute(AuthenticationFailure.ATTRIBUTE, new AuthenticationFailure(reason));
        return context.doNothing();
    }
}
