package io.tollgate.tokens;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** Pluct's validation answer: {@code {valid:true, userId, expiresAt, scope}} or {@code {valid:false, reason}}. */
@JsonbPropertyOrder({"valid", "userId", "expiresAt", "scope", "reason"})
public record TokenValidation(boolean valid, String userId, Instant expiresAt, String scope, String reason) {

    public enum Reason { EXPIRED, MALFORMED, BAD_SIGNATURE, REVOKED, WRONG_ISSUER, NOT_YET_VALID }

    static TokenValidation valid(String userId, Instant expiresAt, String scope) {
        return new TokenValidation(true, userId, expiresAt, scope, null);
    }

    static TokenValidation invalid(Reason reason) {
        return new TokenValidation(false, null, null, null, reason.name().toLowerCase(java.util.Locale.ROOT));
    }
}
