package io.tollgate.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdempotentRequestTest {

    @Test
    void noKeyMeansNoIdempotency() {
        assertTrue(IdempotentRequest.of(null, "admin", "POST /x", "{}").isEmpty());
    }

    @Test
    void theFingerprintCoversTheOperationAndTheBody() {
        IdempotentRequest a = IdempotentRequest.of("k", "admin", "POST /a", "{\"amount\":1}").orElseThrow();
        assertEquals(a, IdempotentRequest.of("k", "admin", "POST /a", "{\"amount\":1}").orElseThrow());
        assertNotEquals(a.fingerprint(), IdempotentRequest.of("k", "admin", "POST /a", "{\"amount\":2}").orElseThrow()
                .fingerprint());
        assertNotEquals(a.scope(), IdempotentRequest.of("k", "admin", "POST /b", "{\"amount\":1}").orElseThrow().scope());
        assertNotEquals(a.scope(), IdempotentRequest.of("k", "bob", "POST /a", "{\"amount\":1}").orElseThrow().scope());
    }

    @Test
    void keysAreOneTo255VisibleAsciiCharacters() {
        assertThrows(IdempotencyRefused.class, () -> IdempotentRequest.of("", "admin", "POST /a", "{}"));
        assertThrows(IdempotencyRefused.class, () -> IdempotentRequest.of("with space", "admin", "POST /a", "{}"));
        assertThrows(IdempotencyRefused.class, () -> IdempotentRequest.of("k".repeat(256), "admin", "POST /a", "{}"));
        assertEquals("k".repeat(255), IdempotentRequest.of("k".repeat(255), "admin", "POST /a", "{}").orElseThrow().key());
    }
}
