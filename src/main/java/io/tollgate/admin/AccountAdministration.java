package io.tollgate.admin;

import io.tollgate.audit.AuditNote;
import io.tollgate.audit.AuditTrail;
import io.tollgate.credits.Account;
import io.tollgate.credits.CreditService;
import io.tollgate.credits.CreditsMoved;
import io.tollgate.credits.EntryType;
import io.tollgate.credits.Posting;
import io.tollgate.idempotency.Idempotency;
import io.tollgate.idempotency.IdempotentRequest;
import io.tollgate.security.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What an admin does to an account: add or deduct credits (once per idempotency key), write off a debt, block or
 * unblock it. Each is recorded in the ledger (where credits move) and in the audit trail, in one transaction. The
 * REST API and the console both act through here.
 */
@ApplicationScoped
public class AccountAdministration {

    @Inject
    CreditService credits;
    @Inject
    Idempotency idempotency;
    @Inject
    AuditTrail audit;

    /** What an admin asked to move; {@code request} is the request as fingerprinted for its idempotency key. */
    public record Movement(Posting.Direction direction, String userId, BigDecimal amount, Optional<String> reason,
                           Optional<String> idempotencyKey, String operation, String request) {

        EntryType entryType() {
            return direction == Posting.Direction.CREDIT ? EntryType.ADMIN_ADD : EntryType.ADJUSTMENT;
        }
    }

    /** Answers the movement's JSON, replayed (header {@value Idempotency#REPLAYED_HEADER}) for a key already used. */
    public Response move(Identity admin, Movement movement) {
        Posting posting = new Posting(movement.userId(), movement.entryType(), movement.direction(), movement.amount(),
                admin.actor(), movement.reason(), movement.idempotencyKey());
        boolean credit = movement.direction() == Posting.Direction.CREDIT;
        AuditNote note = AuditNote.onUser(credit ? "credits.add" : "credits.deduct", movement.userId())
                .detail(movement.amount().toPlainString()).reason(movement.reason());
        return idempotency.respond(IdempotentRequest.of(movement.idempotencyKey().orElse(null), admin.subject(),
                        movement.operation(), movement.request()),
                () -> audit.record(admin, note, () -> CreditsMoved.of(credits.post(posting),
                        credit ? "Credits added successfully" : "Credits deducted successfully")));
    }

    /** Forgives a debt, all of it unless {@code amount} says less; the reason is required. */
    public Response writeOffDebt(Identity admin, String userId, Optional<BigDecimal> amount, String reason,
                                 Optional<String> idempotencyKey, String request) {
        AuditNote note = AuditNote.onUser("debt.write-off", userId).reason(Optional.of(reason))
                .detail(amount.map(BigDecimal::toPlainString).orElse("all"));
        return idempotency.respond(IdempotentRequest.of(idempotencyKey.orElse(null), admin.subject(),
                        "POST /admin/users/" + userId + "/debt/write-off", request),
                () -> audit.record(admin, note, () -> CreditsMoved.of(credits.writeOffDebt(userId, amount,
                        admin.actor(), Optional.of(reason), idempotencyKey), "Debt written off")));
    }

    public Account block(Identity admin, String userId) {
        return audit.record(admin, AuditNote.onUser("user.block", userId), () -> credits.block(userId));
    }

    public Account unblock(Identity admin, String userId) {
        return audit.record(admin, AuditNote.onUser("user.unblock", userId), () -> credits.unblock(userId));
    }
}
