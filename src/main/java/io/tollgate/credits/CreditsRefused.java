package io.tollgate.credits;

import io.tollgate.refusal.Refused;
import java.math.BigDecimal;

/**
 * Why the credits component refused a movement or a question about an account. It says what is wrong, not how
 * HTTP answers it: the edge's table does that, in one place.
 */
public final class CreditsRefused extends Refused {

    public enum Reason {
        /** Less is available (balance less holds) than the movement needs. */
        INSUFFICIENT_CREDITS,
        /** The account owes credits for usage beyond a hold: nothing new may be bought until they are paid. */
        DEBT_OUTSTANDING,
        ACCOUNT_BLOCKED,
        UNKNOWN_ACCOUNT,
        ACCOUNT_EXISTS,
        /** A write-off of more than is owed. */
        NOTHING_TO_WRITE_OFF,
        /** An amount that is not positive, over the maximum, or not exact in the ledger's precision. */
        INVALID_AMOUNT,
        /** The ledger's audit was asked for before it ever ran. */
        NOT_AUDITED_YET,
        /** An audit was asked for while another instance is running one. */
        AUDIT_RUNNING
    }

    private CreditsRefused(Reason reason, String detail) {
        super(reason, detail);
    }

    public static CreditsRefused insufficientCredits() {
        return new CreditsRefused(Reason.INSUFFICIENT_CREDITS, "Insufficient credits");
    }

    public static CreditsRefused debtOutstanding(BigDecimal owed) {
        return new CreditsRefused(Reason.DEBT_OUTSTANDING, CreditAmounts.plain(owed)
                + " credits are owed for usage beyond a key's limit and must be paid before anything new is bought");
    }

    public static CreditsRefused accountBlocked(String userId) {
        return new CreditsRefused(Reason.ACCOUNT_BLOCKED, "Account " + userId + " is blocked");
    }

    static CreditsRefused unknownAccount(String userId) {
        return new CreditsRefused(Reason.UNKNOWN_ACCOUNT, "User " + userId + " not found");
    }

    static CreditsRefused accountExists(String userId) {
        return new CreditsRefused(Reason.ACCOUNT_EXISTS, "User already exists");
    }

    static CreditsRefused nothingToWriteOff(String userId, BigDecimal owed) {
        return new CreditsRefused(Reason.NOTHING_TO_WRITE_OFF,
                "At most " + CreditAmounts.plain(owed) + " credits are owed by " + userId);
    }

    static CreditsRefused invalidAmount(String detail) {
        return new CreditsRefused(Reason.INVALID_AMOUNT, detail);
    }

    static CreditsRefused notAuditedYet() {
        return new CreditsRefused(Reason.NOT_AUDITED_YET, "The ledger has not been audited yet");
    }

    static CreditsRefused auditRunning() {
        return new CreditsRefused(Reason.AUDIT_RUNNING, "An audit is running; read its result when it ends");
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
