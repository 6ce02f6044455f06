package io.tollgate.security;

import io.tollgate.ledger.Actor;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as established by {@link TollgateAuthenticationMechanism}. A user identity carries the user id
 * (the {@code uid} claim, else {@code sub}); an admin identity carries none and acts for users by naming them.
 */
public record Identity(String subject, Optional<String> userId, Optional<String> email, Optional<String> displayName,
                       Set<String> groups) {

    public static final String ADMIN_GROUP = "admin";
    /** Name of the request attribute the mechanism leaves the identity in. */
    static final String ATTRIBUTE = Identity.class.getName();

    public static Identity adminSecret() {
        return new Identity("admin-secret", Optional.empty(), Optional.empty(), Optional.empty(), Set.of(ADMIN_GROUP));
    }

    public boolean isAdmin() {
        return groups.contains(ADMIN_GROUP);
    }

    public boolean isUser(String otherUserId) {
        return userId.filter(otherUserId::equals).isPresent();
    }

    /** How this caller is recorded on the ledger entries it causes. */
    public Actor actor() {
        return isAdmin() ? Actor.admin(subject) : Actor.user(userId.orElse(subject));
    }
}
