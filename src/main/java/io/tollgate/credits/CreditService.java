package io.tollgate.credits;

import io.tollgate.observability.Metrics;
import io.tollgate.observability.OnCommit;
import io.tollgate.observability.RequestId;
import io.tollgate.persistence.Timestamps;
import io.tollgate.security.Actor;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one owner of credit: only this service locks an account row ({@code SELECT ... FOR UPDATE}) and changes its
 * balance, holds or debt, and every change is appended to the ledger in the same transaction. Concurrent changes to
 * one account queue on the lock, so {@code available = balance - held} never goes below zero and every amount is the
 * sum of its entries. Whatever arrives is applied to a debt first.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY) // a command's transaction (io.tollgate.command), never its own
public class CreditService {

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "tollgate.credits.starting-grant", defaultValue = "10")
    BigDecimal startingGrant;
    @Inject
    Metrics metrics;
    @Inject
    OnCommit onCommit;

    private final Clock clock = Clock.systemUTC();

    // ---- opening and status -------------------------------------------------------------------------------------

    /** Opens an account for an admin, with the given credits or the starting grant; refused if the id is taken. */
    public Account open(NewAccount request, Actor actor) {
        Account account = insertIfAbsent(request.userId(), request.email(), request.displayName())
                .orElseThrow(() -> CreditsRefused.accountExists(request.userId()));
        grant(account, request.initialCredits().orElse(startingGrant), actor);
        return account;
    }

    /**
     * Opens the account with the starting grant unless it exists (a user's first call, a partner's new user);
     * answers the credits granted (zero when the account existed).
     */
    public BigDecimal ensureOpen(String userId, Optional<String> email, Optional<String> displayName, Actor actor) {
        if (em.find(Account.class, userId) != null) {
            return BigDecimal.ZERO;
        }
        Optional<Account> opened = insertIfAbsent(userId, email, displayName);
        opened.ifPresent(account -> grant(account, startingGrant, actor));
        return opened.isPresent() ? startingGrant : BigDecimal.ZERO;
    }

    public Account block(String userId) {
        Account account = lockRow(userId);
        account.block(clock.instant());
        return account;
    }

    public Account unblock(String userId) {
        Account account = lockRow(userId);
        account.unblock(clock.instant());
        return account;
    }

    /**
     * Locks the account for the rest of the command's transaction. Commands whose own work for a user must be
     * serialised — one OpenRouter key per user — take it once and make every movement through the handle.
     */
    public LockedAccount lock(String userId) {
        return new LockedAccount(lockRow(userId));
    }

    private Account lockRow(String userId) {
        return em.createNamedQuery(Account.LOCK, Account.class).setParameter(1, userId)
                .getResultStream().findFirst()
                .orElseThrow(() -> CreditsRefused.unknownAccount(userId));
    }

    // ---- credits and debits -------------------------------------------------------------------------------------

    /** Credits or debits as the posting says. A credit pays any debt first; a purchase needs a debt-free account. */
    public Moved post(Posting posting) {
        return post(lockRow(posting.userId()), posting);
    }

    /** {@link #post(Posting)} for an account the command has locked already. */
    public Moved post(LockedAccount locked, Posting posting) {
        if (!locked.userId().equals(posting.userId())) {
            throw new IllegalArgumentException("a posting for " + posting.userId() + " on " + locked.userId());
        }
        return post(locked.account(), posting);
    }

    private Moved post(Account account, Posting posting) {
        Account.Movement movement = posting.direction() == Posting.Direction.CREDIT
                ? account.credit(posting.amount())
                : account.debit(posting.amount(), posting.type() == EntryType.SPEND);
        LedgerEntry entry = record(account, posting.type(), movement, null, posting.actor(), posting.reason(),
                posting.idempotencyKey());
        payDebt(account);
        return Moved.of(entry, account);
    }

    /** Forgives {@code amount} of the account's debt (all of it when empty): an admin's audited decision. */
    public Moved writeOffDebt(String userId, Optional<BigDecimal> amount, Actor actor, Optional<String> reason,
                              Optional<String> idempotencyKey) {
        Account account = lockRow(userId);
        BigDecimal forgiven = amount.orElse(account.owed());
        if (forgiven.signum() <= 0) {
            throw CreditsRefused.nothingToWriteOff(userId, account.owed());
        }
        return Moved.of(record(account, EntryType.DEBT_WRITE_OFF, account.writeOff(forgiven), null, actor, reason,
                idempotencyKey), account);
    }

    // ---- holds, on an account the command locked --------------------------------------------------------------

    /** Reserves available credits for {@code purpose}; answers the hold's id. */
    public long placeHold(LockedAccount locked, BigDecimal amount, String purpose, Actor actor) {
        Account account = locked.account();
        Account.Movement movement = account.hold(amount);
        CreditHold hold = new CreditHold(account.userId(), purpose, amount, clock.instant());
        em.persist(hold);
        em.flush(); // assigns the hold's id, which its entry names
        record(account, EntryType.HOLD, movement, hold.id(), actor, Optional.of("Held for " + purpose),
                Optional.empty());
        return hold.id();
    }

    /** Reserves more available credits on one of the account's open holds. */
    public void raiseHold(LockedAccount locked, long holdId, BigDecimal amount, Actor actor) {
        Account account = locked.account();
        CreditHold hold = holdOf(account, holdId);
        Account.Movement movement = account.hold(amount);
        hold.raise(amount);
        record(account, EntryType.HOLD, movement, holdId, actor, Optional.of("Hold raised"), Optional.empty());
    }

    /**
     * Charges {@code credits} of usage: out of the hold as far as it reaches (a key made before holds has none), then
     * out of available credits, and what neither covers is owed.
     */
    public void capture(LockedAccount locked, Optional<Long> holdId, BigDecimal credits, Actor actor, String reason) {
        Account account = locked.account();
        if (credits.signum() <= 0) {
            return;
        }
        Optional<CreditHold> hold = holdId.map(id -> holdOf(account, id));
        BigDecimal fromHold = hold.map(h -> h.capture(credits)).orElse(BigDecimal.ZERO);
        record(account, EntryType.LLM_USAGE, account.capture(fromHold, credits.subtract(fromHold)),
                hold.map(CreditHold::id).orElse(null), actor, Optional.of(reason), Optional.empty());
    }

    /** Closes one of the account's holds and frees what it still reserved; freed credits pay any debt first. */
    public void release(LockedAccount locked, long holdId, Actor actor) {
        Account account = locked.account();
        CreditHold hold = holdOf(account, holdId);
        BigDecimal rest = hold.release(clock.instant());
        if (rest.signum() > 0) {
            record(account, EntryType.RELEASE, account.release(rest), holdId, actor, Optional.of("Hold released"),
                    Optional.empty());
            payDebt(account);
        }
    }

    private CreditHold holdOf(Account account, long holdId) {
        CreditHold hold = em.find(CreditHold.class, holdId);
        if (!hold.accountId().equals(account.userId())) {
            throw new IllegalStateException("hold " + holdId + " is not " + account.userId() + "'s");
        }
        return hold;
    }

    // ---- the ledger -------------------------------------------------------------------------------------------

    private void payDebt(Account account) {
        account.payDebt().ifPresent(payment -> record(account, EntryType.DEBT_PAYMENT, payment, null,
                Actor.system("debt-payment"), Optional.of("Owed credits paid from credits that arrived"),
                Optional.empty()));
    }

    private LedgerEntry record(Account account, EntryType type, Account.Movement movement, Long holdId, Actor actor,
                               Optional<String> reason, Optional<String> idempotencyKey) {
        Instant now = clock.instant();
        account.apply(movement, now);
        LedgerEntry entry = new LedgerEntry(account, type, movement, holdId, actor, reason, idempotencyKey,
                RequestId.current(), now);
        em.persist(entry);
        em.flush(); // assigns the entry's id, which the answer names
        onCommit.run(() -> metrics.ledgerEntry(type.code(), movement.balance()));
        return entry;
    }

    private void grant(Account account, BigDecimal credits, Actor actor) {
        record(account, EntryType.USER_CREATION, account.credit(credits), null, actor, Optional.of("Account opened"),
                Optional.empty());
    }

    /**
     * Inserts the account unless one exists. The database decides the race between simultaneous first calls:
     * exactly one insert wins, and only the winner grants the starting credits (under the new row's lock).
     */
    private Optional<Account> insertIfAbsent(String userId, Optional<String> email, Optional<String> displayName) {
        Account fresh = new Account(userId, email, displayName, clock.instant());
        int inserted = em.createNativeQuery("INSERT INTO account"
                        + " (user_id, email, display_name, status, balance, held, owed, created_at, updated_at)"
                        + " VALUES (?1, ?2, ?3, 'active', 0, 0, 0, ?4, ?4) ON CONFLICT (user_id) DO NOTHING")
                .setParameter(1, fresh.userId())
                .setParameter(2, fresh.email().orElse(null))
                .setParameter(3, fresh.displayName().orElse(null))
                .setParameter(4, Timestamps.utc(fresh.createdAt()))
                .executeUpdate();
        return inserted == 1 ? Optional.of(em.find(Account.class, userId)) : Optional.empty();
    }

    /** A movement's entry and the account's amounts once everything it caused (a debt payment) was applied. */
    public record Moved(LedgerEntry entry, BigDecimal balance, BigDecimal held, BigDecimal owed) {
        static Moved of(LedgerEntry entry, Account account) {
            return new Moved(entry, account.balance(), account.held(), account.owed());
        }

        public BigDecimal available() {
            return balance.subtract(held);
        }
    }
}
