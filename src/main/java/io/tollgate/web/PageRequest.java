package io.tollgate.web;

import io.tollgate.refusal.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code ?limit=&cursor=} of a listing. The cursor is opaque to clients: the key of the last row they saw.
 */
public record PageRequest(int limit, Optional<String> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(String limit, String cursor) {
        return new PageRequest(parseLimit(limit), decode(cursor));
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the same answer as an out-of-range number
        }
        throw InvalidRequest.invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Optional<String> decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.invalid("cursor is not one this service issued");
        }
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor as a ledger entry id. */
    public Optional<Long> afterId() {
        try {
            return after.map(Long::valueOf);
        } catch (NumberFormatException e) {
            throw InvalidRequest.invalid("cursor is not one this service issued");
        }
    }
}
