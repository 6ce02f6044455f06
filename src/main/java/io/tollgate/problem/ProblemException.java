package io.tollgate.problem;

import jakarta.ejb.ApplicationException;
import java.util.Map;

/**
 * A failure the client should hear about as an RFC 9457 problem. Thrown from resources and services alike;
 * as an EJB application exception it reaches the JAX-RS layer unwrapped and rolls the transaction back,
 * so a refused request leaves nothing half done.
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
