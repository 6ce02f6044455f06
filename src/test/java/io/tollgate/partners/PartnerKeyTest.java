package io.tollgate.partners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartnerKeyTest {

    private final Instant now = Instant.parse("2026-11-22T23:00:00Z");

    private PartnerKey key(String perCall, String perDay, String secret) {
        return new PartnerKey("k1", PartnerSecrets.hash(secret), Optional.empty(), Set.of("credits:add"),
                new PartnerKey.Limits(Optional.ofNullable(perCall).map(BigDecimal::new),
                        Optional.ofNullable(perDay).map(BigDecimal::new)), now);
    }

    @Test
    void secretsHaveAnIdentifiablePrefixThatNamesTheKey() {
        String secret = PartnerSecrets.newSecret("abcdefghij012345");
        assertEquals(Optional.of("abcdefghij012345"), PartnerSecrets.keyIdOf(secret));
        assertEquals(Optional.empty(), PartnerSecrets.keyIdOf(secret + "x"));
        assertEquals(Optional.empty(), PartnerSecrets.keyIdOf("tgk_short_x"));
    }

    @Test
    void aRotatedSecretIsAcceptedOnlyUntilTheGraceEnds() {
        PartnerKey key = key(null, null, "old");
        key.rotate(PartnerSecrets.hash("new"), Duration.ofHours(24), now);
        assertTrue(key.accepts(PartnerSecrets.hash("new"), now));
        assertTrue(key.accepts(PartnerSecrets.hash("old"), now.plus(Duration.ofHours(23))));
        assertFalse(key.accepts(PartnerSecrets.hash("old"), now.plus(Duration.ofHours(24))));
        key.revoke(now);
        assertFalse(key.accepts(PartnerSecrets.hash("new"), now));
    }

    @Test
    void thePerCallLimitIsNamedWhenPassed() {
        PartnersRefused refused = assertThrows(PartnersRefused.class,
                () -> key("5", null, "s").charge(new BigDecimal("5.000000000000000001"), now));
        assertEquals(PartnersRefused.Reason.OVER_CALL_LIMIT, refused.reason());
        assertTrue(refused.detail().contains("per-call limit of 5"));
    }

    @Test
    void theDailyTotalResetsAtUtcMidnightAndSaysWhenToRetry() {
        PartnerKey key = key(null, "10", "s");
        key.charge(new BigDecimal("6"), now);
        key.charge(new BigDecimal("4"), now);
        PartnersRefused refused = assertThrows(PartnersRefused.class,
                () -> key.charge(new BigDecimal("0.000000000000000001"), now));
        assertEquals(PartnersRefused.Reason.OVER_DAILY_LIMIT, refused.reason());
        assertEquals(Optional.of(Duration.ofHours(1).plusSeconds(1)), refused.retryAfter());
        key.charge(new BigDecimal("10"), now.plus(Duration.ofHours(1)));
    }
}
