package io.tollgate.credits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rule for amounts clients send: more than zero, at most {@code tollgate.credits.max-amount}, and exact in
 * the ledger's 18 decimal places (more places would have to be rounded, so they are refused instead).
 */
@ApplicationScoped
public class CreditAmounts {

    public static final int SCALE = 18;

    @Inject
    @ConfigProperty(name = "tollgate.credits.max-amount", defaultValue = "10000")
    BigDecimal maxAmount;

    public BigDecimal requirePositive(String field, BigDecimal amount) {
        return requirePositiveAtMost(field, amount, maxAmount);
    }

    public BigDecimal requireNonNegative(String field, BigDecimal amount) {
        if (amount.signum() < 0) {
            throw CreditsRefused.invalidAmount(field + " must not be negative");
        }
        return requireAtMost(field, amount, maxAmount);
    }

    /** Positive and exact, but not bound by the per-request maximum (a limit over many requests). */
    public BigDecimal requirePositiveUnbounded(String field, BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw CreditsRefused.invalidAmount(field + " must be greater than 0");
        }
        return requireExact(field, amount);
    }

    /** Positive, exact, and at most {@code max} (the per-request maximum, or one of its own like payments'). */
    public BigDecimal requirePositiveAtMost(String field, BigDecimal amount, BigDecimal max) {
        if (amount.signum() <= 0) {
            throw CreditsRefused.invalidAmount(field + " must be greater than 0");
        }
        return requireAtMost(field, amount, max);
    }

    private static BigDecimal requireAtMost(String field, BigDecimal amount, BigDecimal max) {
        if (amount.compareTo(max) > 0) {
            throw CreditsRefused.invalidAmount(field + " must be at most " + max.toPlainString());
        }
        return requireExact(field, amount);
    }

    /** An amount as people write it: no exponent, no trailing zeros. */
    public static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal requireExact(String field, BigDecimal amount) {
        if (amount.stripTrailingZeros().scale() > SCALE || amount.precision() - amount.scale() > 20) {
            throw CreditsRefused.invalidAmount(field + " does not fit 20 digits and " + SCALE + " decimal places");
        }
        return amount;
    }
}
