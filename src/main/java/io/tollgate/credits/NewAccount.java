package io.tollgate.credits;

import java.math.BigDecimal;
import java.util.Optional;

/** What an admin gives to open an account; credits default to the configured starting grant. */
public record NewAccount(String userId, Optional<BigDecimal> initialCredits, Optional<String> email,
                         Optional<String> displayName) {
}
