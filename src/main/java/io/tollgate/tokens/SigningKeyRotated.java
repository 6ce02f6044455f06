package io.tollgate.tokens;

import java.time.Instant;

/** The answer to a signing-key rotation. */
public record SigningKeyRotated(boolean success, String kid, String retiredKid, Instant retiredKeyPublishedUntil) {

    static SigningKeyRotated of(SigningKeys.Rotation rotation) {
        return new SigningKeyRotated(true, rotation.kid(), rotation.retiredKid().orElse(null),
                rotation.retiredKeyPublishedUntil().orElse(null));
    }
}
