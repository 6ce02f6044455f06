package io.tollgate.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA provider that verifies tokens and makes RS256 signatures (ES256 ones are {@link Es256Signer}'s).
 * BouncyCastle computes P-256 several times faster than the JDK's SunEC, whose field arithmetic was most of a vend's
 * CPU (issue 14). It is used as an instance, never installed in the JVM, so nothing else on the server changes; the
 * algorithms and the token format are the same.
 */
public final class SignatureProvider {

    public static final Provider INSTANCE = new BouncyCastleProvider();

    private SignatureProvider() {
    }
}
