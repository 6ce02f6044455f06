package io.tollgate.security;

import io.tollgate.persistence.Outages;
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
 * The one Jakarta Security mechanism of the application. It reads {@code X-API-Key} (a partner key, see
 * {@link PartnerKeyAuthenticator}) or {@code Authorization: Bearer ...}, accepting the admin secret (constant-time)
 * or a user JWT (see {@link UserTokenVerifier}). It never answers by itself:
 * the identity, or why the credentials were refused, is left on the request for {@link Caller}, so that every
 * endpoint decides what it requires and every refusal is the same problem JSON.
 */
@ApplicationScoped
public class TollgateAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    public static final String API_KEY_HEADER = "X-API-Key";

    @Inject
    UserTokenVerifier userTokens;
    @Inject
    PartnerKeyAuthenticator partnerKeys;
    @Inject
    ConsoleSignIn console;
    @Inject
    ConsoleOidc oidc;

    @Inject
    @ConfigProperty(name = "tollgate.admin.secret")
    Optional<String> adminSecret;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(ConsoleSignIn.PATH) || path.equals("/console")) {
            return console(path, request, context);
        }
        String apiKey = request.getHeader(API_KEY_HEADER);
        if (apiKey != null) {
            Optional<Identity> partner;
            try {
                partner = partnerKeys.authenticate(apiKey);
            } catch (RuntimeException e) {
                if (!Outages.isOutage(e)) {
                    throw e;
                }
                return refuse(request, context, new AuthenticationFailure(e));
            }
            return partner
                    .map(identity -> accept(request, context, identity))
                    .orElseGet(() -> refuse(request, context,
                            new AuthenticationFailure(AccessRefused.invalidPartnerKey())));
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return context.doNothing();
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refuse(request, context, unauthenticated("The Authorization header must be 'Bearer <token>'"));
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            return refuse(request, context, unauthenticated("Token missing from authorization header"));
        }
        try {
            return accept(request, context, isAdminSecret(token) ? Identity.adminSecret() : userTokens.verify(token));
        } catch (InvalidCredentialsException e) {
            return refuse(request, context, unauthenticated(e.getMessage()));
        }
    }

    /**
     * The console knows only its own sessions: a request is the sign-in form's, or from a signed-in admin, or sent
     * to the sign-in page. Headers with tokens or keys are not looked at.
     */
    private AuthenticationStatus console(String path, HttpServletRequest request, HttpMessageContext context) {
        String base = request.getContextPath();
        if (path.equals(ConsoleSignIn.SIGN_OUT)) {
            ConsoleSignIn.signOut(request);
            return context.redirect(base + ConsoleSignIn.SIGN_IN_PAGE);
        }
        if (path.equals(ConsoleSignIn.SIGN_IN) && "POST".equals(request.getMethod())) {
            return afterSignIn(request, context,
                    console.signIn(request, request.getParameter("username"), request.getParameter("password")));
        }
        if (path.equals(ConsoleOidc.START) || path.equals(ConsoleOidc.CALLBACK)) {
            return oidc(path, request, context);
        }
        Optional<String> admin = console.signedIn(request);
        if (admin.isPresent()) {
            if (path.equals("/console") || path.equals(ConsoleSignIn.PATH)) {
                return context.redirect(base + ConsoleSignIn.PATH + "users.xhtml");
            }
            return accept(request, context, Identity.consoleAdmin(admin.get()));
        }
        return ConsoleSignIn.isPublic(path) ? context.doNothing() : context.redirect(base + ConsoleSignIn.SIGN_IN_PAGE);
    }

    /** The two steps of signing in with the company's OpenID Connect provider, when one is configured. */
    private AuthenticationStatus oidc(String path, HttpServletRequest request, HttpMessageContext context) {
        String base = request.getContextPath();
        if (!oidc.isConfigured()) {
            return context.redirect(base + ConsoleSignIn.SIGN_IN_PAGE);
        }
        if (path.equals(ConsoleOidc.START)) {
            return context.redirect(oidc.start(request).toString());
        }
        Optional<String> signedIn = oidc.finish(request);
        signedIn.ifPresent(name -> ConsoleSignIn.signedIn(request, name));
        return afterSignIn(request, context, signedIn.isPresent());
    }

    private static AuthenticationStatus afterSignIn(HttpServletRequest request, HttpMessageContext context,
                                                    boolean signedIn) {
        return context.redirect(request.getContextPath()
                + (signedIn ? ConsoleSignIn.PATH + "users.xhtml" : ConsoleSignIn.SIGN_IN_PAGE + "?failed"));
    }

    private static AuthenticationStatus accept(HttpServletRequest request, HttpMessageContext context,
                                               Identity identity) {
        request.setAttribute(Identity.ATTRIBUTE, identity);
        return context.notifyContainerAboutLogin(identity.subject(), identity.groups());
    }

    private static AuthenticationFailure unauthenticated(String reason) {
        return new AuthenticationFailure(AccessRefused.unauthenticated(reason));
    }

    boolean acceptsAdminSecret() {
        return adminSecret.filter(secret -> !secret.isBlank()).isPresent();
    }

    private boolean isAdminSecret(String token) {
        return adminSecret.filter(secret -> !secret.isBlank())
                .map(secret -> Secrets.constantTimeEquals(token, secret))
                .orElse(false);
    }

    private static AuthenticationStatus refuse(HttpServletRequest request, HttpMessageContext context,
                                               AuthenticationFailure failure) {
        request.setAttribute(AuthenticationFailure.ATTRIBUTE, failure);
        return context.doNothing();
    }
}
