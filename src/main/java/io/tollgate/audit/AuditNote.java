package io.tollgate.audit;

import java.util.Optional;

/**
 * What an admin action was, for the trail: {@code action} is a stable name ({@code credits.add}, {@code user.block},
 * {@code partner-key.create}, ...), {@code userId} the account acted on, {@code target} any other object (a partner
 * key's id), {@code detail} what changed (an amount), {@code reason} what the admin gave.
 */
public record AuditNote(String action, Optional<String> userId, Optional<String> target, Optional<String> detail,
                        Optional<String> reason) {

    public static AuditNote of(String action) {
        return new AuditNote(action, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static AuditNote onUser(String action, String userId) {
        return new AuditNote(action, Optional.of(userId), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static AuditNote on(String action, String target) {
        return new AuditNote(action, Optional.empty(), Optional.of(target), Optional.empty(), Optional.empty());
    }

    public AuditNote detail(String text) {
        return new AuditNote(action, userId, target, Optional.of(text), reason);
    }

    public AuditNote reason(Optional<String> text) {
        return new AuditNote(action, userId, target, detail, text);
    }
}
