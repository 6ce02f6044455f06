package io.tollgate.security;

import io.tollgate.persistence.LowercaseEnums;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** Who caused a ledger entry: the user, an admin, a partner key, a webhook event, or Tollgate itself. */
@Embeddable
public class Actor {

    public enum Kind {
        USER, ADMIN, PARTNER, WEBHOOK, SYSTEM;

        public String code() {
            return LowercaseEnums.code(this);
        }
    }

    @Column(name = "actor_type", nullable = false, length = 16)
    @Convert(converter = ActorKindConverter.class)
    private Kind kind;

    @Column(name = "actor_id", nullable = false, length = 256)
    private String id;

    protected Actor() {
        // for JPA
    }

    private Actor(Kind kind, String id) {
        this.kind = kind;
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

    public Kind kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
