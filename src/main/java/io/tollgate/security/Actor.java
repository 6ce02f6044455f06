package io.tollgate.security;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Locale;
import java.util.Objects;

/** Who caused a ledger entry: the user, an admin, a partner key, a webhook event, or Tollgate itself. */
@Embeddable
public class Actor {

    public enum Kind { USER, ADMIN, PARTNER, WEBHOOK, SYSTEM }

    @Column(name = "actor_type", nullable = false, length = 16)
    private String kind;

    @Column(name = "actor_id", nullable = false, length = 256)
    private String id;

    protected Actor() {
        // for JPA
    }

    private Actor(Kind kind, String id) {
        this.kind = kind.name().toLowerCase(Locale.ROOT);
        this.id = Objects.requireNonNull(id);
    }

    public static Actor user(String userId) {
        return new Actor(Kind.USER, userId);
    }

    public static Actor admin(String subject) {
        return new Actor(Kind.ADMIN, subject);
    }

    public static Actor partner(String keyId) {
        return new Actor(Kind.PARTNER, keyId);
    }

    public static Actor webhook(String eventId) {
        return new Actor(Kind.WEBHOOK, eventId);
    }

    public static Actor system(String process) {
        return new Actor(Kind.SYSTEM, process);
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
