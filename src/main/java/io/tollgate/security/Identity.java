package io.tollgate.security;

import io.tollgate.security.Actor;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as established by {@link TollgateAuthenticationMechanism}:
 * <ul>
 * <li>a user: carries the user id (the {@code uid} claim, else {@code sub});</li>
 * <li>an admin: carries no user id and acts for users by naming them;</li>
 * <li>a partner key: carries its key id and scopes.</li>
 * </ul>
 */
public record Identity(String subject, Optional<String> userId, Optional<String> email, Optional<String> displayName,
                       Set<String> groups, Optional<String> partnerKeyId, Set<String> partnerScopes) {

    public static final String ADMIN_GROUP = "admin";
    /** Name of the request attribute the mechanism leaves the identity in. */
    static final String ATTRIBUTE = Identity.class.getName();

    public static Identity adminSecret() {
        return new Identity("admin-secret", Optional.empty(), Optional.empty(), Optional.empty(), Set.of(ADMIN_GROUP),
                Optional.empty(), Set.of());
    }

    /** An admin signed in to the console with a local account ({@link ConsoleSignIn}). */
    static Identity consoleAdmin(String name) {
        return new Identity(name, Optional.empty(), Optional.empty(), Optional.empty(), Set.of(ADMIN_GROUP),
                Optional.empty(), Set.of());
    }

    static Identity fromToken(String subject, Optional<String> userId, Optional<String> email,
                              Optional<String> displayName, Set<String> groups) {
        return new Identity(subject, userId, email, displayName, groups, Optional.empty(), Set.of());
    }

    public static Identity partner(String keyId, Set<String> scopes) {
        return new Identity("partner:" + keyId, Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                Optional.of(keyId), Set.copyOf(scopes));
    }

    public boolean isAdmin() {
        return groups.contains(ADMIN_GROUP);
    }

    public boolean isUser(String otherUserId) {
        return userId.filter(otherUserId::equals).isPresent();
    }

    public boolean isPartnerWith(String scope) {
        return partnerKeyId.isPresent() && partnerScopes.contains(scope);
    }

    /** How this caller is recorded on the ledger entries it causes. */
    public Actor actor() {
        if (partnerKeyId.isPresent()) {
            return Actor.partner(partnerKeyId.get());
        }
        return isAdmin() ? Actor.admin(subject) : Actor.user(userId.orElse(subject));
    }
}
