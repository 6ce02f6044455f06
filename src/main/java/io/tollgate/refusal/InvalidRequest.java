package io.tollgate.refusal;

/**
 * A request whose shape is wrong before any capability looks at it: a missing or mistyped field, a body that is not
 * JSON, a cursor this service did not issue.
 */
public final class InvalidRequest extends Refused {

    public enum Reason {
        /** A field is missing, mistyped or out of its range. */
        INVALID,
        /** The body is not JSON at all. */
        MALFORMED_JSON
    }

    private InvalidRequest(Reason reason, String detail) {
        super(reason, detail);
    }

    public static InvalidRequest invalid(String detail) {
        return new InvalidRequest(Reason.INVALID, detail);
    }

    public static InvalidRequest malformedJson() {
        return new InvalidRequest(Reason.MALFORMED_JSON, "The request body is not valid JSON");
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
