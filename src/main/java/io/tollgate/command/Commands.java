package io.tollgate.command;

import io.tollgate.audit.AuditNote;
import io.tollgate.audit.AuditTrail;
import io.tollgate.idempotency.Idempotency;
import io.tollgate.security.Identity;
import io.tollgate.web.JsonMapping;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one boundary every state change goes through. A command's transaction starts here; in it, in this order, the
 * idempotency key is claimed (a key already answered is replayed without running anything), the work runs, the
 * admin's action is recorded in the audit trail, and the answer is stored for the key's retries. All of it commits
 * together or none of it does: a refusal rolls every part back, so a refused request may be retried with its key.
 * The services the work calls require this transaction ({@code MANDATORY}); none starts one of its own.
 */
@Stateless
public class Commands {

    @Inject
    Idempotency idempotency;
    @Inject
    AuditTrail audit;

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public <R> Outcome<R> run(Command command, Supplier<R> work) {
        if (command.idempotency().isPresent()) {
            Optional<String> earlier = idempotency.claim(command.idempotency().get());
            if (earlier.isPresent()) {
                return Outcome.replay(earlier.get());
            }
        }
        R result = work.get();
        command.note().ifPresent(note -> audit.append(command.admin().orElseThrow(), note));
        if (command.idempotency().isEmpty()) {
            return Outcome.done(result, null);
        }
        String json = JsonMapping.toJson(result);
        idempotency.answered(command.idempotency().get(), json);
        return Outcome.done(result, json);
    }

    /** An admin's action that carries no idempotency key, named as its audit record names it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public <R> R adminAction(Identity admin, AuditNote note, Supplier<R> work) {
        return run(Command.named(note.action()).audited(admin, note), work).result().orElseThrow();
    }
}
