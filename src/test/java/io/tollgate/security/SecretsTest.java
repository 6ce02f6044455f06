package io.tollgate.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void equalSecretsMatchAndEverythingElseDoesNot() {
        assertTrue(Secrets.constantTimeEquals("s3cret-value", "s3cret-value"));
        assertFalse(Secrets.constantTimeEquals("s3cret-value", "s3cret-valuf"));
        assertFalse(Secrets.constantTimeEquals("s3cret-value", "s3cret-value "));
        assertFalse(Secrets.constantTimeEquals("s3cret", "s3cret-value"));
        assertFalse(Secrets.constantTimeEquals(null, "s3cret-value"));
        assertFalse(Secrets.constantTimeEquals("s3cret-value", null));
    }
}
