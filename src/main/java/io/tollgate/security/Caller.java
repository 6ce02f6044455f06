package io.tollgate.security;

import io.tollgate.refusal.InvalidRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The authenticated caller of the current request and the authorisation rules every boundary applies:
 * <ul>
 * <li>{@link #authenticated()}: anyone with valid credentials, else 401;</li>
 * <li>{@link #admin()}: an admin, else 401/403;</li>
 * <li>{@link #selfOrAdmin(String)}: the user named, an admin, or a partner key with {@code users:read};</li>
 * <li>{@link #actingFor(Optional)}: the caller, or the user named by an admin or a {@code tokens:vend} key;</li>
 * <li>{@link #partner(String)}: a partner key with the given scope.</li>
 * </ul>
 * A user's first authenticated call opens their account (Puku's behaviour), through {@link UserAuthenticated};
 * admins do not get an account by calling. Application-scoped (one instance, no per-request construction): what is
 * per request lives in the request's attributes.
 */
@ApplicationScoped
public class Caller {

    private static final String ANNOUNCED_ATTRIBUTE = Caller.class.getName() + ".announced";

    @Inject
    HttpServletRequest request;

    @Inject
    Event<UserAuthenticated> userAuthenticated;

    public Optional<Identity> identity() {
        Optional<Identity> identity = Optional.ofNullable((Identity) request.getAttribute(Identity.ATTRIBUTE));
        if (identity.flatMap(Identity::userId).isPresent() && request.getAttribute(ANNOUNCED_ATTRIBUTE) == null) {
            request.setAttribute(ANNOUNCED_ATTRIBUTE, Boolean.TRUE);
            userAuthenticated.fire(new UserAuthenticated(identity.get()));
        }
        return identity;
    }

    public Identity authenticated() {
        return identity().orElseThrow(() -> refusal("Authorization header missing"));
    }

    /** A partner key holding {@code scope}; without any key, 401 {@code API Key is required} (Pluct's words). */
    public Identity partner(String scope) {
        Identity identity = identity().filter(id -> id.partnerKeyId().isPresent())
                .orElseThrow(() -> refusal("API Key is required"));
        if (!identity.isPartnerWith(scope)) {
            throw AccessRefused.missingScope(scope);
        }
        return identity;
    }

    private RuntimeException refusal(String whenNoCredentials) {
        return Optional.ofNullable((AuthenticationFailure) request.getAttribute(AuthenticationFailure.ATTRIBUTE))
                .map(AuthenticationFailure::refusal)
                .orElseGet(() -> AccessRefused.unauthenticated(whenNoCredentials));
    }

    public Identity admin() {
        Identity identity = authenticated();
        if (!identity.isAdmin()) {
            throw AccessRefused.adminsOnly();
        }
        return identity;
    }

    public Identity selfOrAdmin(String userId) {
        Identity identity = authenticated();
        if (!identity.isAdmin() && !identity.isUser(userId) && !identity.isPartnerWith(PartnerScopes.USERS_READ)) {
            throw AccessRefused.anotherUsersAccount("You may only see your own account");
        }
        return identity;
    }

    /**
     * The user a request acts for: the caller themself, or the user an admin names. Anyone else naming another
     * user is refused with 403.
     */
    public String actingFor(Optional<String> requestedUserId) {
        Identity identity = authenticated();
        if (requestedUserId.isEmpty()) {
            return identity.userId()
                    .orElseThrow(() -> InvalidRequest.invalid("userId is required when acting as admin"));
        }
        String userId = requestedUserId.get();
        if (!identity.isAdmin() && !identity.isUser(userId) && !identity.isPartnerWith(PartnerScopes.TOKENS_VEND)) {
            throw AccessRefused.anotherUsersAccount("You may only act for yourself");
        }
        return userId;
    }
}
