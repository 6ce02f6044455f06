package io.tollgate.command;

import io.tollgate.audit.AuditNote;
import io.tollgate.idempotency.IdempotentRequest;
import io.tollgate.security.Identity;
import java.util.Optional;

/**
 * A state change as the boundary runs it: its name, the idempotency key it carries (with the request that key must
 * always come with), and, for an admin's action, what the audit trail says of it. Built by the boundary's callers,
 * the resources and the console, from what they validated.
 */
public final class Command {

    private final String name;
    private final Optional<IdempotentRequest> idempotency;
    private final Optional<Identity> admin;
    private final Optional<AuditNote> note;

    private Command(String name, Optional<IdempotentRequest> idempotency, Optional<Identity> admin,
                    Optional<AuditNote> note) {
        this.name = name;
        this.idempotency = idempotency;
        this.admin = admin;
        this.note = note;
    }

    /** A command named as its operation ({@code POST /admin/credits/add}, {@code console: add credits}, ...). */
    public static Command named(String name) {
        return new Command(name, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Runs at most once per key: {@code callerScope} (who asks) and this command's name scope the key, so no two
     * callers or operations collide; {@code request} is what a retry must repeat to be answered with the first
     * answer. Without a key ({@code null}) the command simply runs.
     */
    public Command idempotent(String key, String callerScope, String request) {
        return new Command(name, IdempotentRequest.of(key, callerScope, name, request), admin, note);
    }

    /** Runs at most once, ever, per event: for events a provider may deliver again at any time. */
    public Command idempotent(IdempotentRequest event) {
        return new Command(name, Optional.of(event), admin, note);
    }

    /** An admin's action: recorded in the audit trail in the command's transaction, or not at all. */
    public Command audited(Identity by, AuditNote what) {
        return new Command(name, idempotency, Optional.of(by), Optional.of(what));
    }

    Optional<IdempotentRequest> idempotency() {
        return idempotency;
    }

    Optional<Identity> admin() {
        return admin;
    }

    Optional<AuditNote> note() {
        return note;
    }
}
