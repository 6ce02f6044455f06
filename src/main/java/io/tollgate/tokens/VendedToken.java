package io.tollgate.tokens;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;

/** The answer to {@code POST /vend-token}: Pluct's {@code token} (and later {@code ok}) plus what a client needs. */
@JsonbPropertyOrder({"ok", "token", "tokenType", "expiresIn", "expiresAt", "balanceAfter", "scope", "jti", "requestId"})
public record VendedToken(boolean ok, String token, String tokenType, long expiresIn, Instant expiresAt,
                          BigDecimal balanceAfter, String scope, String jti, String requestId) {
}
