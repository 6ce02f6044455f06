package io.tollgate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tollgate.testing.TokenMinter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Remembering verified tokens must not stretch what a token allows: not past its expiry, not to a forgery. */
class UserTokenVerifierTest {

    private final TokenMinter minter = TokenMinter.generate();
    private final UserTokenVerifier verifier = verifier(minter);

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws Exception {
        JWTClaimsSet claims = TokenMinter.claims("alice", Duration.ofSeconds(3)).build();
        String token = minter.es256(claims);
        assertEquals(Optional.of("alice"), verifier.verify(token).userId());
        assertEquals(Optional.of("alice"), verifier.verify(token).userId(), "remembered");
        // exp is serialised in whole seconds, so the token ends up to a second before claims say: wait past both
        long expiresAt = claims.getExpirationTime().getTime() / 1000 * 1000;
        Thread.sleep(Math.max(0, expiresAt + 1100 - System.currentTimeMillis()));
        assertThrows(InvalidCredentialsException.class, () -> verifier.verify(token));
    }

    @Test
    void aTokenAlteredAfterItsOriginalWasRememberedIsRefused() throws Exception {
        String token = minter.user("bob");
        verifier.verify(token);
        String[] parts = token.split("\\.");
        String otherUser = minter.user("mallory").split("\\.")[1];
        assertThrows(InvalidCredentialsException.class,
                () -> verifier.verify(parts[0] + "." + otherUser + "." + parts[2]), "claims swapped under a signature");
        assertThrows(InvalidCredentialsException.class,
                () -> verifier.verify(token + "A"), "a signature with bytes added");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedWhateverWasRemembered() throws Exception {
        verifier.verify(minter.user("carol"));
        assertThrows(InvalidCredentialsException.class,
                () -> verifier.verify(TokenMinter.generate().user("carol")));
    }

    private static UserTokenVerifier verifier(TokenMinter minter) {
        UserTokenVerifier verifier = new UserTokenVerifier();
        verifier.hs256Secret = Optional.empty();
        verifier.hs256Issuer = Optional.empty();
        verifier.hs256Audience = Optional.empty();
        verifier.publicKey = Optional.of(minter.publicKeyJson());
        verifier.publicKeyLocation = Optional.empty();
        verifier.issuer = Optional.of(TokenMinter.ISSUER);
        verifier.audiences = Optional.of(TokenMinter.AUDIENCE);
        verifier.clockSkewSeconds = 0;
        verifier.configure();
        return verifier;
    }
}
