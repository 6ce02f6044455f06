package io.tollgate.credits;

import io.tollgate.security.Actor;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to move credit: a positive {@code amount}, credited or debited according to {@code direction}.
 */
public record Posting(String userId, EntryType type, Direction direction, BigDecimal amount, Actor actor,
                      Optional<String> reason, Optional<String> idempotencyKey) {

    public enum Direction { CREDIT, DEBIT }

    public Posting {
        Objects.requireNonNull(userId);
        Objects.requireNonNull(type);
        Objects.requireNonNull(direction);
        Objects.requireNonNull(actor);
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("a posting's amount is never negative; the direction carries the sign");
        }
    }

    public static Posting credit(String userId, EntryType type, BigDecimal amount, Actor actor, Optional<String> reason,
                                 Optional<String> idempotencyKey) {
        return new Posting(userId, type, Direction.CREDIT, amount, actor, reason, idempotencyKey);
    }

    public static Posting debit(String userId, EntryType type, BigDecimal amount, Actor actor, Optional<String> reason,
                                Optional<String> idempotencyKey) {
        return new Posting(userId, type, Direction.DEBIT, amount, actor, reason, idempotencyKey);
    }

}
