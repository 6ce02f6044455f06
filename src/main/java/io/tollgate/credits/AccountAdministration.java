package io.tollgate.credits;

import io.tollgate.audit.AuditNote;
import io.tollgate.command.Command;
import io.tollgate.command.Commands;
import io.tollgate.command.Outcome;
import io.tollgate.security.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What an admin does to an account: add or deduct credits (once per idempotency key), write off a debt, block or
 * unblock it. Each is one command: recorded in the ledger (where credits move) and in the audit trail, in one
 * transaction. The REST API and the console both act through here.
 */
@ApplicationScoped
public class AccountAdministration {

    @Inject
    CreditService credits;
    @Inject
    Commands commands;

    /**
     * What an admin asked to move. {@code operation} names the command (the REST path or the console's form), and
     * {@code request} is the request as its idempotency key fingerprints it.
     */
    public record Movement(Posting.Direction direction, String userId, BigDecimal amount, Optional<String> reason,
                           Optional<String> idempotencyKey, String operation, String request) {

        EntryType entryType() {
            return direction == Posting.Direction.CREDIT ? EntryType.ADMIN_ADD : EntryType.ADJUSTMENT;
        }
    }

    public Outcome<CreditsMoved> move(Identity admin, Movement movement) {
        Posting posting = new Posting(movement.userId(), movement.entryType(), movement.direction(), movement.amount(),
                admin.actor(), movement.reason(), movement.idempotencyKey());
        boolean credit = movement.direction() == Posting.Direction.CREDIT;
        AuditNote note = AuditNote.onUser(credit ? "credits.add" : "credits.deduct", movement.userId())
                .detail(movement.amount().toPlainString()).reason(movement.reason());
        return commands.run(Command.named(movement.operation())
                        .idempotent(movement.idempotencyKey().orElse(null), admin.subject(), movement.request())
                        .audited(admin, note),
                () -> CreditsMoved.of(credits.post(posting),
                        credit ? "Credits added successfully" : "Credits deducted successfully"));
    }

    /** Forgives a debt, all of it unless {@code amount} says less; the reason is required. */
    public Outcome<CreditsMoved> writeOffDebt(Identity admin, String userId, Optional<BigDecimal> amount, String reason,
                                              Optional<String> idempotencyKey, String request) {
        AuditNote note = AuditNote.onUser("debt.write-off", userId).reason(Optional.of(reason))
                .detail(amount.map(BigDecimal::toPlainString).orElse("all"));
        return commands.run(Command.named("POST /admin/users/" + userId + "/debt/write-off")
                        .idempotent(idempotencyKey.orElse(null), admin.subject(), request)
                        .audited(admin, note),
                () -> CreditsMoved.of(credits.writeOffDebt(userId, amount, admin.actor(), Optional.of(reason),
                        idempotencyKey), "Debt written off"));
    }

    public Account block(Identity admin, String userId, Optional<String> reason) {
        return commands.adminAction(admin, AuditNote.onUser("user.block", userId).reason(reason),
                () -> credits.block(userId));
    }

    public Account unblock(Identity admin, String userId, Optional<String> reason) {
        return commands.adminAction(admin, AuditNote.onUser("user.unblock", userId).reason(reason),
                () -> credits.unblock(userId));
    }
}
