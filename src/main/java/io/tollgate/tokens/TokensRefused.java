package io.tollgate.tokens;

import io.tollgate.refusal.Refused;
import java.util.Collection;

/** Why a token could not be vended, revoked or signed for. */
public final class TokensRefused extends Refused {

    public enum Reason {
        UNKNOWN_TOKEN,
        /** Only the token's owner or an admin may revoke it. */
        NOT_TOKEN_OWNER,
        /** A scope the configuration does not price. */
        UNKNOWN_SCOPE,
        /** The signing key is the operator's ({@code tollgate.tokens.signing-key}): rotated there, not here. */
        SIGNING_KEY_CONFIGURED,
        /** Neither a master key to seal a generated signing key nor a configured signing key. */
        SIGNING_NOT_CONFIGURED
    }

    private TokensRefused(Reason reason, String detail) {
        super(reason, detail);
    }

    static TokensRefused unknownToken(String jti) {
        return new TokensRefused(Reason.UNKNOWN_TOKEN, "Token " + jti + " not found");
    }

    static TokensRefused notTokenOwner() {
        return new TokensRefused(Reason.NOT_TOKEN_OWNER, "Only the token's owner or an admin may revoke it");
    }

    static TokensRefused unknownScope(String scope, Collection<String> known) {
        return new TokensRefused(Reason.UNKNOWN_SCOPE,
                "Unknown scope '" + scope + "'; known scopes: " + String.join(", ", known));
    }

    static TokensRefused signingKeyConfigured() {
        return new TokensRefused(Reason.SIGNING_KEY_CONFIGURED,
                "The signing key comes from configuration (tollgate.tokens.signing-key); rotate it there");
    }

    static TokensRefused signingNotConfigured() {
        return new TokensRefused(Reason.SIGNING_NOT_CONFIGURED,
                "Token signing is not configured (tollgate.crypto.master-key or tollgate.tokens.signing-key)");
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
