package io.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tollgate.refusal.InvalidRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

    @Test
    void defaultsToFifty() {
        assertEquals(50, PageRequest.of(null, null).limit());
        assertEquals(50, PageRequest.of("", "").limit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "101", "abc", "1.5", "99999999999"})
    void refusesLimitsOutsideOneToHundred(String limit) {
        assertThrows(InvalidRequest.class, () -> PageRequest.of(limit, null));
    }

    @Test
    void aPageOfMoreRowsThanTheLimitCarriesTheCursorOfItsLastRow() {
        Page<String> page = Page.of(List.of("a", "b", "c"), 2, s -> s);
        assertEquals(List.of("a", "b"), page.items());
        assertEquals(Optional.of("b"), PageRequest.of("2", page.nextCursor().orElseThrow()).after());
        assertEquals(Optional.empty(), Page.of(List.of("a", "b"), 2, s -> s).nextCursor());
    }

    @Test
    void refusesCursorsItDidNotIssue() {
        assertThrows(InvalidRequest.class, () -> PageRequest.of("2", "%%%"));
        assertThrows(InvalidRequest.class, () -> PageRequest.of("2", PageRequest.encode("not-a-number")).afterId());
    }
}
