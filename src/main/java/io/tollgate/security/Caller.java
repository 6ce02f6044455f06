package io.tollgate.security;

import io.tollgate.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The authenticated caller of the current request and the authorisation rules every boundary applies:
 * <ul>
 * <li>{@link #authenticated()}: anyone with valid credentials, else 401;</li>
 * <li>{@link #admin()}: an admin, else 401/403;</li>
 * <li>{@link #selfOrAdmin(String)}: the user named, or an admin, else 401/403.</li>
 * </ul>
 * A user's first authenticated call opens their account (Puku's behaviour), through {@link UserAuthenticated};
 * admins do not get an account by calling.
 */
@RequestScoped
public class Caller {

    @Inject
    HttpServletRequest request;

    @Inject
    Event<UserAuthenticated> userAuthenticated;

    private boolean announced;

    public Optional<Identity> identity() {
        Optional<Identity> identity = Optional.ofNullable((Identity) request.getAttribute(Identity.ATTRIBUTE));
        if (!announced && identity.flatMap(Identity::userId).isPresent()) {
            announced = true;
            userAuthenticated.fire(new UserAuthenticated(identity.get()));
        }
        return identity;
    }

    public Identity authenticated() {
        return identity().orElseThrow(() -> ProblemException.unauthenticated(
                Optional.ofNullable((AuthenticationFailure) request.getAttribute(AuthenticationFailure.ATTRIBUTE))
                        .map(AuthenticationFailure::reason)
                        .orElse("Authorization header missing")));
    }

    public Identity admin() {
        Identity identity = authenticated();
        if (!identity.isAdmin()) {
            throw ProblemException.forbidden("Only admins may do this");
        }
        return identity;
    }

    public Identity selfOrAdmin(String userId) {
        Identity identity = authenticated();
        if (!identity.isAdmin() && !identity.isUser(userId)) {
            throw ProblemException.forbidden("You may only see your own account");
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
                    .orElseThrow(() -> ProblemException.invalid("userId is required when acting as admin"));
        }
        String userId = requestedUserId.get();
        if (!identity.isAdmin() && !identity.isUser(userId)) {
            throw ProblemException.forbidden("You may only act for yourself");
        }
        return userId;
    }
}
