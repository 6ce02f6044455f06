package io.tollgate.credits;

import io.tollgate.security.Actor;
import io.tollgate.security.UserAuthenticated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens a user's account on their first authenticated call. Accounts are never deleted, so once an instance
 * has seen an account exist it remembers the id and spares every later request of that user the database
 * check. The memory is bounded: past {@value #MAX_REMEMBERED} ids it starts again.
 */
@ApplicationScoped
public class FirstSightAccounts {

    static final int MAX_REMEMBERED = 100_000;

    @Inject
    CreditService accounts;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    void onUserAuthenticated(@Observes UserAuthenticated event) {
        String userId = event.identity().userId().orElseThrow();
        if (known.contains(userId)) {
            return;
        }
        accounts.ensureOpen(userId, event.identity().email(), event.identity().displayName(),
                Actor.system("first-sign-in"));
        if (known.size() >= MAX_REMEMBERED) {
            known.clear();
        }
        known.add(userId);
    }
}
