package io.tollgate.credits;

import jakarta.ejb.ApplicationException;
import java.math.BigDecimal;

/**
 * Why the credits component refused a movement. Domain exceptions: they say what is wrong, not how HTTP answers
 * it ({@link CreditsRefusedMapper} decides that, in one place). As EJB application exceptions they roll the
 * transaction back, so a refusal leaves nothing half done.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class CreditsRefused extends RuntimeException {

    private final String userId;

    CreditsRefused(String userId, String message) {
        super(message, null, false, false);
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }

    /** Less is available (balance less holds) than the movement needs. */
    public static final class InsufficientCredits extends CreditsRefused {
        private final BigDecimal available;

        public InsufficientCredits(String userId, BigDecimal available, BigDecimal needed) {
            super(userId, "Insufficient credits");
            this.available = available;
        }

        public BigDecimal available() {
            return available;
        }
    }

    /** The account owes credits for usage beyond a hold: nothing new may be bought until they are paid. */
    public static final class DebtOutstanding extends CreditsRefused {
        private final BigDecimal owed;

        public DebtOutstanding(String userId, BigDecimal owed) {
            super(userId, owed.stripTrailingZeros().toPlainString() + " credits are owed for usage beyond a key's"
                    + " limit and must be paid before anything new is bought");
            this.owed = owed;
        }

        public BigDecimal owed() {
            return owed;
        }
    }

    public static final class AccountBlocked extends CreditsRefused {
        public AccountBlocked(String userId) {
            super(userId, "Account " + userId + " is blocked");
        }
    }

    public static final class UnknownAccount extends CreditsRefused {
        public UnknownAccount(String userId) {
            super(userId, "User " + userId + " not found");
        }
    }

    public static final class AccountExists extends CreditsRefused {
        public AccountExists(String userId) {
            super(userId, "User already exists");
        }
    }

    public static final class NothingToWriteOff extends CreditsRefused {
        public NothingToWriteOff(String userId, BigDecimal owed) {
            super(userId, "At most " + owed.stripTrailingZeros().toPlainString() + " credits are owed by " + userId);
        }
    }
}
