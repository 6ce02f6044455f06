package io.tollgate.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.credits.CreditsRefused.Reason;
import io.tollgate.refusal.InvalidRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The account's rules for balance, holds and debt, without a database. */
class AccountTest {

    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    private Account withBalance(String credits) {
        Account account = new Account("alice", Optional.empty(), Optional.empty(), now);
        account.apply(account.credit(new BigDecimal(credits)), now);
        return account;
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static void assertAmounts(Account account, String balance, String held, String owed) {
        assertEquals(0, d(balance).compareTo(account.balance()), "balance " + account.balance());
        assertEquals(0, d(held).compareTo(account.held()), "held " + account.held());
        assertEquals(0, d(owed).compareTo(account.owed()), "owed " + account.owed());
        assertEquals(0, account.balance().subtract(account.held()).compareTo(account.available()));
    }

    @Test
    void aDebitTheAvailableCreditsCoverLeavesTheExactRemainderAndMayReachZero() {
        Account account = withBalance("1");
        account.apply(account.debit(d("0.3"), true), now);
        assertAmounts(account, "0.7", "0", "0");
        account.apply(account.debit(d("0.7"), true), now);
        assertAmounts(account, "0", "0", "0");
    }

    @Test
    void heldCreditsCannotBeSpentTwice_issue9Defect1() {
        Account account = withBalance("1");
        account.apply(account.hold(d("1")), now);
        assertRefused(Reason.INSUFFICIENT_CREDITS, () -> account.debit(d("0.000000000000000001"), true));
        assertEquals(0, account.available().signum());
        assertRefused(Reason.INSUFFICIENT_CREDITS, () -> account.debit(d("1"), false)); // an admin's deduction too
        assertRefused(Reason.INSUFFICIENT_CREDITS, () -> account.hold(d("0.1")));
        assertAmounts(account, "1", "1", "0");
    }

    @Test
    void usageIsCapturedFromTheHoldThenFromAvailableCreditsAndTheRestIsOwed() {
        Account account = withBalance("1.5");
        account.apply(account.hold(d("1")), now);
        account.apply(account.capture(d("0.6"), BigDecimal.ZERO), now);
        assertAmounts(account, "0.9", "0.4", "0");
        // 0.4 left in the hold, 1.4 of usage: 0.4 from the hold, 0.5 from available, 0.5 owed
        account.apply(account.capture(d("0.4"), d("1.0")), now);
        assertAmounts(account, "0", "0", "0.5");
    }

    @Test
    void aDebtBlocksPurchasesAndHoldsNamingTheAmountUntilCreditsArrive() {
        Account account = withBalance("0");
        account.apply(account.capture(BigDecimal.ZERO, d("0.4")), now);
        account.apply(account.credit(d("5")), now);
        CreditsRefused owed = assertRefused(Reason.DEBT_OUTSTANDING, () -> account.debit(d("1"), true));
        assertTrue(owed.detail().startsWith("0.4 credits are owed"), owed.detail());
        assertRefused(Reason.DEBT_OUTSTANDING, () -> account.hold(d("1")));
        account.apply(account.payDebt().orElseThrow(), now);
        assertAmounts(account, "4.6", "0", "0");
        assertEquals(Optional.empty(), account.payDebt(), "nothing left to pay");
    }

    @Test
    void aDebtIsPaidOnlyFromAvailableCreditsNeverFromAHold() {
        Account account = withBalance("1");
        account.apply(account.hold(d("0.8")), now);
        account.apply(account.capture(BigDecimal.ZERO, d("0.5")), now); // usage of a key without a hold
        assertAmounts(account, "0.8", "0.8", "0.3");
        assertEquals(Optional.empty(), account.payDebt());
        account.apply(account.release(d("0.8")), now);
        account.apply(account.payDebt().orElseThrow(), now);
        assertAmounts(account, "0.5", "0", "0");
    }

    @Test
    void onlyWhatIsOwedCanBeWrittenOff() {
        Account account = withBalance("0");
        account.apply(account.capture(BigDecimal.ZERO, d("2")), now);
        assertRefused(Reason.NOTHING_TO_WRITE_OFF, () -> account.writeOff(d("2.000000000000000001")));
        account.apply(account.writeOff(d("1.5")), now);
        assertAmounts(account, "0", "0", "0.5");
    }

    @Test
    void aBlockedAccountCannotPurchaseOrHoldButCanBeCorrectedAndCredited() {
        Account account = withBalance("5");
        account.block(now);
        assertRefused(Reason.ACCOUNT_BLOCKED, () -> account.debit(d("1"), true));
        assertRefused(Reason.ACCOUNT_BLOCKED, () -> account.hold(d("1")));
        account.apply(account.debit(d("1"), false), now);
        account.apply(account.credit(d("2")), now);
        assertAmounts(account, "6", "0", "0");
    }

    @Test
    void noMovementCanBreakTheInvariants() {
        Account account = withBalance("1");
        assertThrows(IllegalStateException.class,
                () -> account.apply(new Account.Movement(BigDecimal.ZERO, d("1.1"), BigDecimal.ZERO), now));
    }

    @Test
    void userIdsAreCheckedWhenAnAccountIsMade() {
        assertThrows(InvalidRequest.class, () -> new Account("no spaces", Optional.empty(), Optional.empty(), now));
        assertThrows(InvalidRequest.class, () -> new Account("x".repeat(129), Optional.empty(), Optional.empty(), now));
        assertEquals("a.b_c-d@e:f|g", new Account("a.b_c-d@e:f|g", Optional.empty(), Optional.empty(), now).userId());
    }

    private static CreditsRefused assertRefused(Reason reason, Executable movement) {
        CreditsRefused refused = assertThrows(CreditsRefused.class, movement);
        assertEquals(reason, refused.reason(), refused::detail);
        return refused;
    }
}
