package io.tollgate.tokens;

import java.math.BigDecimal;
import java.time.Duration;

/** A product a token can be bought for: its price in credits and how long its tokens live. */
public record TokenScope(String name, BigDecimal cost, Duration lifetime) {

    public TokenScope {
        if (!name.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("scope names are 1-64 letters, digits and ._:-: " + name);
        }
        if (cost.signum() <= 0) {
            throw new IllegalArgumentException("scope " + name + " must cost more than 0 credits");
        }
        if (lifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("scope " + name + " must live at least one second");
        }
    }
}
