package io.tollgate.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tollgate.problem.ProblemException;
import io.tollgate.problem.ProblemType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountTest {

    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    private Account withBalance(String credits) {
        Account account = new Account("alice", Optional.empty(), Optional.empty(), now);
        account.apply(new BigDecimal(credits), false, now);
        return account;
    }

    @Test
    void aDebitTheBalanceCoversLeavesTheExactRemainder() {
        Account account = withBalance("1");
        assertEquals(new BigDecimal("0.7"), account.apply(new BigDecimal("-0.3"), true, now));
    }

    @Test
    void aDebitDownToExactlyZeroIsAllowed() {
        assertEquals(0, withBalance("0.3").apply(new BigDecimal("-0.3"), true, now).signum());
    }

    @Test
    void aDebitBeyondTheBalanceIsRefusedAndChangesNothing() {
        Account account = withBalance("1");
        ProblemException refused = assertThrows(ProblemException.class,
                () -> account.apply(new BigDecimal("-1.000000000000000001"), true, now));
        assertEquals(ProblemType.INSUFFICIENT_CREDITS, refused.type());
        assertEquals(new BigDecimal("1"), account.balance());
    }

    @Test
    void aBlockedAccountCannotPurchaseButCanBeCorrectedAndCredited() {
        Account account = withBalance("5");
        account.block(now);
        ProblemException refused = assertThrows(ProblemException.class,
                () -> account.apply(new BigDecimal("-1"), true, now));
        assertEquals(ProblemType.ACCOUNT_BLOCKED, refused.type());
        assertEquals(new BigDecimal("4"), account.apply(new BigDecimal("-1"), false, now));
        assertEquals(new BigDecimal("6"), account.apply(new BigDecimal("2"), false, now));
    }

    @Test
    void userIdsAreCheckedWhenAnAccountIsMade() {
        assertThrows(ProblemException.class, () -> new Account("no spaces", Optional.empty(), Optional.empty(), now));
        assertThrows(ProblemException.class, () -> new Account("x".repeat(129), Optional.empty(), Optional.empty(), now));
        assertEquals("a.b_c-d@e:f|g", new Account("a.b_c-d@e:f|g", Optional.empty(), Optional.empty(), now).userId());
    }
}
