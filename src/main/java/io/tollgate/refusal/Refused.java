package io.tollgate.refusal;

import jakarta.ejb.ApplicationException;
import java.time.Duration;
import java.util.Optional;

/**
 * A capability's "no": what it refused and why, in its own words, with no idea of HTTP. Each capability has one
 * subclass whose {@link #reason()} is a constant of its own enum of reasons; the edge's one table
 * ({@code io.tollgate.edge.RefusalTable}) decides the problem type and status each reason is answered with.
 * As EJB application exceptions (inherited) refusals reach the caller unwrapped and roll the transaction back, so a
 * refused command leaves nothing half done.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class Refused extends RuntimeException {

    private final Enum<?> reason;
    private final Duration retryAfter;

    protected Refused(Enum<?> reason, String detail) {
        this(reason, detail, null);
    }

    /** A momentary refusal: the same request may succeed after {@code retryAfter}. */
    protected Refused(Enum<?> reason, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** Why, as a constant of the refusing capability's own enum (each subclass narrows the type to it). */
    public Enum<?> reason() {
        return reason;
    }

    /** What to tell the person who asked; names no secret and no internals. */
    public String detail() {
        return getMessage();
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
