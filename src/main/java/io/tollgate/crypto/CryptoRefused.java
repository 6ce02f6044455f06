package io.tollgate.crypto;

import io.tollgate.refusal.Refused;

/** Why something could not be sealed or opened: the operator's configuration, not the request, is missing. */
public final class CryptoRefused extends Refused {

    public enum Reason {
        /** No master key, or not the one a value was sealed under, is configured. */
        MASTER_KEY_MISSING
    }

    private CryptoRefused(Reason reason, String detail) {
        super(reason, detail);
    }

    static CryptoRefused masterKeyMissing(String detail) {
        return new CryptoRefused(Reason.MASTER_KEY_MISSING, detail);
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
