package io.tollgate.security;

import io.tollgate.refusal.Refused;

/** Why a caller may not do what it asked: it did not say who it is, or who it is may not. */
public final class AccessRefused extends Refused {

    public enum Reason {
        /** No credentials, or credentials that do not verify. */
        UNAUTHENTICATED,
        /** A partner API key that is unknown or revoked (Pluct answered this as forbidden, not unauthenticated). */
        INVALID_PARTNER_KEY,
        /** A partner key without the scope the operation needs. */
        MISSING_SCOPE,
        /** An operation for admins only. */
        ADMINS_ONLY,
        /** A user acting on, or looking at, another user's account. */
        ANOTHER_USERS_ACCOUNT
    }

    private AccessRefused(Reason reason, String detail) {
        super(reason, detail);
    }

    static AccessRefused unauthenticated(String why) {
        return new AccessRefused(Reason.UNAUTHENTICATED, why);
    }

    static AccessRefused invalidPartnerKey() {
        return new AccessRefused(Reason.INVALID_PARTNER_KEY, "Invalid or revoked API Key");
    }

    static AccessRefused missingScope(String scope) {
        return new AccessRefused(Reason.MISSING_SCOPE, "This API key lacks the scope " + scope);
    }

    static AccessRefused adminsOnly() {
        return new AccessRefused(Reason.ADMINS_ONLY, "Only admins may do this");
    }

    static AccessRefused anotherUsersAccount(String why) {
        return new AccessRefused(Reason.ANOTHER_USERS_ACCOUNT, why);
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
