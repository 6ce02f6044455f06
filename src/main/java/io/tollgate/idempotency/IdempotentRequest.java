package io.tollgate.idempotency;

import io.tollgate.security.Secrets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request that carried an {@code Idempotency-Key}. Keys are scoped to the caller and the operation, so two
 * clients can never collide; the fingerprint is the operation and its body, so reusing a key for a different
 * request is detected. A key is kept for {@code tollgate.idempotency.retention}, unless it is {@code permanent}.
 */
public record IdempotentRequest(String scope, String key, String fingerprint, boolean permanent) {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** Empty when the client sent no key: the operation then simply runs. */
    public static Optional<IdempotentRequest> of(String key, String callerScope, String operation, String body) {
        if (key == null) {
            return Optional.empty();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw IdempotencyRefused.invalidKey();
        }
        String scope = callerScope + " " + operation;
        if (scope.length() > 300) {
            scope = Secrets.sha256Hex(scope);
        }
        return Optional.of(new IdempotentRequest(scope, key, Secrets.sha256Hex(operation + "\n" + body), false));
    }

    /**
     * A key that is never forgotten: an event a provider may deliver again at any time, like a payment, whose id is
     * the key and whose raw body is fingerprinted as it came.
     */
    public static IdempotentRequest permanent(String scope, String eventId, String rawBody) {
        return new IdempotentRequest(scope, eventId, Secrets.sha256Hex(rawBody), true);
    }
}
