package io.tollgate.idempotency;

import io.tollgate.refusal.Refused;

/** Why a request's {@code Idempotency-Key} was refused. */
public final class IdempotencyRefused extends Refused {

    public enum Reason {
        /** Not 1 to 255 visible ASCII characters. */
        INVALID_KEY,
        /** The key was already used, by the same caller for the same operation, with a different body. */
        KEY_REUSED
    }

    private IdempotencyRefused(Reason reason, String detail) {
        super(reason, detail);
    }

    static IdempotencyRefused invalidKey() {
        return new IdempotencyRefused(Reason.INVALID_KEY,
                IdempotentRequest.HEADER + " must be 1 to 255 visible ASCII characters");
    }

    static IdempotencyRefused keyReused() {
        return new IdempotencyRefused(Reason.KEY_REUSED,
                "This Idempotency-Key was already used with a different request");
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
