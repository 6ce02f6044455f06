package io.tollgate.credits;

import io.tollgate.command.Command;
import io.tollgate.command.Commands;
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
    @Inject
    Commands commands;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    void onUserAuthenticated(@Observes UserAuthenticated event) {
        String userId = event.identity().userId().orElseThrow();
        if (known.contains(userId)) {
            return;
        }
        // Claims are untrusted input: a long one is cut to fit rather than locking its user out.
        commands.run(Command.named("open account on first sight"), () -> accounts.ensureOpen(userId,
                event.identity().email().map(email -> cut(email, Account.MAX_EMAIL)),
                event.identity().displayName().map(name -> cut(name, Account.MAX_DISPLAY_NAME)),
                Actor.system("first-sign-in")));
        if (known.size() >= MAX_REMEMBERED) {
            known.clear();
        }
        known.add(userId);
    }

    static String cut(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return text.substring(0, end);
    }
}
