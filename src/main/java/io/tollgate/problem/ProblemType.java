package io.tollgate.problem;

import jakarta.ws.rs.core.Response.Status;

/**
 * The catalogue of errors Tollgate answers with. The {@link #uri()} is the RFC 9457 {@code type}: clients may
 * switch on it, so a type once published keeps its slug and status.
 */
public enum ProblemType {
    INVALID_REQUEST(400, "invalid-request", "The request is invalid"),
    MALFORMED_JSON(400, "malformed-json", "The request body is not valid JSON"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication is required"),
    INSUFFICIENT_CREDITS(402, "insufficient-credits", "Insufficient credits"),
    DEBT_OUTSTANDING(402, "debt-outstanding", "Credits are owed"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    ACCOUNT_BLOCKED(403, "account-blocked", "The account is blocked"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    CONFLICT(409, "conflict", "Conflict"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused",
            "The Idempotency-Key was already used with a different request"),
    UNPROCESSABLE(422, "unprocessable", "The request cannot be processed"),
    PARTNER_CALL_LIMIT(422, "partner-call-limit-exceeded", "The API key's per-call limit is exceeded"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    PARTNER_DAILY_LIMIT(429, "partner-daily-limit-exceeded", "The API key's daily limit is exceeded"),
    INTERNAL(500, "internal", "Internal error"),
    UNAVAILABLE(503, "unavailable", "Service temporarily unavailable");

    private static final String PREFIX = "urn:tollgate:problem:";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public String title() {
        return title;
    }

    /** The closest catalogued type for a bare HTTP status (used for errors raised by the JAX-RS runtime). */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return Status.Family.familyOf(status) == Status.Family.CLIENT_ERROR ? INVALID_REQUEST : INTERNAL;
    }
}
