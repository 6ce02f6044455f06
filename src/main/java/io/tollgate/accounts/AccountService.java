package io.tollgate.accounts;

import io.tollgate.ledger.Actor;
import io.tollgate.ledger.EntryType;
import io.tollgate.ledger.Ledger;
import io.tollgate.ledger.Posting;
import io.tollgate.persistence.Timestamps;
import io.tollgate.problem.ProblemException;
import io.tollgate.security.Identity;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opening, finding, listing and blocking accounts. Credit itself only moves through the {@link Ledger}. */
@Stateless
public class AccountService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    @ConfigProperty(name = "tollgate.credits.starting-grant", defaultValue = "10")
    BigDecimal startingGrant;

    /** Opens an account for an admin; 409 if the user id is taken. */
    public Account open(NewAccount request, Actor actor) {
        Account account = insertIfAbsent(request.userId(), request.email(), request.displayName())
                .orElseThrow(() -> ProblemException.conflict("User already exists"));
        grant(account, request.initialCredits().orElse(startingGrant), actor);
        return account;
    }

    /** A user's first authenticated call opens their account with the starting grant (Puku's behaviour). */
    public void openOnFirstSight(Identity identity) {
        String userId = identity.userId().orElseThrow();
        if (em.find(Account.class, userId) == null) {
            insertIfAbsent(userId, identity.email(), identity.displayName())
                    .ifPresent(account -> grant(account, startingGrant, Actor.system("first-sign-in")));
        }
    }

    /** Opens the account with the starting grant unless it exists (a partner key with {@code users:create}). */
    public void ensureOpen(String userId, Actor actor) {
        if (em.find(Account.class, userId) == null) {
            insertIfAbsent(userId, Optional.empty(), Optional.empty())
                    .ifPresent(account -> grant(account, startingGrant, actor));
        }
    }

    public Account find(String userId) {
        Account account = em.find(Account.class, userId);
        if (account == null) {
            throw ProblemException.notFound("User " + userId + " not found");
        }
        return account;
    }

    private Page<Account> list(PageRequest page) {
        return Page.of(em.createNamedQuery("Account.page", Account.class)
                        .setParameter("after", page.after().orElse(""))
                        .setMaxResults(page.limit() + 1)
                        .getResultList(),
                page.limit(), Account::userId);
    }

    /** A page of accounts with how many entries each has and how much each has spent. */
    public Page<AccountSummary> summaries(PageRequest request) {
        Page<Account> page = list(request);
        Map<String, Ledger.AccountActivity> activity = ledger.activity(page.items().stream().map(Account::userId).toList());
        return page.map(account -> {
            Ledger.AccountActivity counted = activity.getOrDefault(account.userId(), Ledger.AccountActivity.NONE);
            return new AccountSummary(account.userId(), counted.entries(), counted.spent(), account.balance(),
                    account.status().code(), account.email().orElse(null), account.displayName().orElse(null),
                    account.createdAt());
        });
    }

    public Account block(String userId) {
        Account account = locked(userId);
        account.block(Instant.now());
        return account;
    }

    public Account unblock(String userId) {
        Account account = locked(userId);
        account.unblock(Instant.now());
        return account;
    }

    private Account locked(String userId) {
        Account account = em.find(Account.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw ProblemException.notFound("User " + userId + " not found");
        }
        return account;
    }

    private void grant(Account account, BigDecimal credits, Actor actor) {
        ledger.post(account, Posting.credit(account.userId(), EntryType.USER_CREATION, credits, actor,
                Optional.of("Account opened"), Optional.empty()));
    }

    /**
     * Inserts the account unless one exists. The database decides the race between simultaneous first calls:
     * exactly one insert wins, and only the winner grants the starting credits.
     */
    private Optional<Account> insertIfAbsent(String userId, Optional<String> email, Optional<String> displayName) {
        Account fresh = new Account(userId, email, displayName, Instant.now());
        int inserted = em.createNativeQuery("INSERT INTO account"
                        + " (user_id, email, display_name, status, balance, created_at, updated_at)"
                        + " VALUES (?1, ?2, ?3, 'active', 0, ?4, ?4) ON CONFLICT (user_id) DO NOTHING")
                .setParameter(1, fresh.userId())
                .setParameter(2, fresh.email().orElse(null))
                .setParameter(3, fresh.displayName().orElse(null))
                .setParameter(4, Timestamps.utc(fresh.createdAt()))
                .executeUpdate();
        return inserted == 1 ? Optional.of(em.find(Account.class, userId)) : Optional.empty();
    }
}
