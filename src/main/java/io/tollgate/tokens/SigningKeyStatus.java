package io.tollgate.tokens;

import io.tollgate.persistence.LowercaseEnums;

/**
 * A signing key is {@code active} while it signs new tokens (one at a time), {@code retired} once another took over:
 * then it is only published, until the last token it signed has expired.
 */
public enum SigningKeyStatus {
    ACTIVE, RETIRED;

    public String code() {
        return LowercaseEnums.code(this);
    }
}
