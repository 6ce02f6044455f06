package io.tollgate.tokens;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Reloads the signing-key caches every 5 s on each instance, so that no request has to. */
@Singleton
public class SigningKeyRefresh {

    private static final Logger LOG = Logger.getLogger(SigningKeyRefresh.class.getName());

    @Inject
    SigningKeys keys;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void everyFewSeconds() {
        try {
            keys.refresh();
        } catch (RuntimeException e) {
            // The database may be away; readers keep the keys they have and reload themselves if this goes on.
            LOG.log(Level.WARNING, "Could not refresh the signing keys: " + e);
        }
    }
}
