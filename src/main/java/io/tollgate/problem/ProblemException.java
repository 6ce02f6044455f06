package io.tollgate.problem;

import jakarta.ejb.ApplicationException;
import java.util.Map;

/**
 * An answer decided at the edge, as an RFC 9457 problem: by a filter, the error page, or {@link RefusalTable} for a
 * capability's refusal. Domain code never throws it; it throws its capability's {@code Refused}.
 */
@ApplicationException(rollback = true)
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final Map<String, String> headers;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ProblemException(ProblemType type, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.headers = Map.copyOf(headers);
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** What a request that met the database's momentary absence is answered: 503, and when to retry. */
    public static ProblemException outage() {
        return new ProblemException(ProblemType.UNAVAILABLE, "The service is briefly unavailable; retry shortly",
                Map.of("Retry-After", "2"));
    }

    public static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }

    public static ProblemException unauthenticated(String detail) {
        return new ProblemException(ProblemType.UNAUTHENTICATED, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }
}
