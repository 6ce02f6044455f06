package io.tollgate.tokens;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured catalogue of scopes, {@code tollgate.tokens.scopes}: comma-separated {@code name:cost:lifetime}
 * (lifetime an ISO-8601 duration). The first is the default for requests that name none.
 */
@ApplicationScoped
public class TokenScopes {

    @Inject
    @ConfigProperty(name = "tollgate.tokens.scopes", defaultValue = "access:1:PT15M")
    String catalogue;

    private final Map<String, TokenScope> scopes = new LinkedHashMap<>();

    @PostConstruct
    void parse() {
        for (String entry : catalogue.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 3) {
                throw new IllegalStateException("tollgate.tokens.scopes entries are name:cost:ISO-duration: " + entry);
            }
            scopes.put(parts[0], new TokenScope(parts[0], new BigDecimal(parts[1]), Duration.parse(parts[2])));
        }
    }

    public TokenScope resolve(Optional<String> requested) {
        if (requested.isEmpty()) {
            return scopes.values().iterator().next();
        }
        TokenScope scope = scopes.get(requested.get());
        if (scope == null) {
            throw TokensRefused.unknownScope(requested.get(), scopes.keySet());
        }
        return scope;
    }

    /** The longest lifetime of any scope: how long a retired signing key must stay published. */
    public Duration longestLifetime() {
        return scopes.values().stream().map(TokenScope::lifetime).max(Duration::compareTo).orElseThrow();
    }
}
