package io.tollgate.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Entities keep {@code timestamptz} columns as UTC {@link OffsetDateTime}: EclipseLink 4.0 (JPA 3.1) has no
 * mapping for {@link Instant} and would serialise it as bytes.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
