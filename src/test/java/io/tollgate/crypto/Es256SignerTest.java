package io.tollgate.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The signer bypasses the JCA, so it is checked against the RFCs and the JDK's own verifier. */
class Es256SignerTest {

    private static final JWSHeader ES256 = new JWSHeader(JWSAlgorithm.ES256);

    @Test
    void signsAsRfc6979SaysForItsP256Sha256Vector() throws Exception {
        // RFC 6979, A.2.5: the key, the message "sample" and the signature (r, s) it must give with SHA-256.
        ECKey key = new ECKey.Builder(Curve.P_256,
                coordinate("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"),
                coordinate("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299"))
                .d(coordinate("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721")).build();
        Base64URL signature = new Es256Signer(key).sign(ES256, "sample".getBytes(StandardCharsets.US_ASCII));
        assertEquals("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                        + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8",
                HexFormat.of().withUpperCase().formatHex(signature.decode()));
    }

    @Test
    void theJdksVerifierAcceptsItsSignaturesAndRefusesThemForOtherInput() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        Es256Signer signer = new Es256Signer(key);
        ECDSAVerifier verifier = new ECDSAVerifier(key.toPublicJWK());
        for (int i = 0; i < 200; i++) { // leading zero bytes in R or S come up about once in 128 signatures
            byte[] input = ("header.payload-" + i).getBytes(StandardCharsets.US_ASCII);
            Base64URL signature = signer.sign(ES256, input);
            assertEquals(64, signature.decode().length);
            assertTrue(verifier.verify(ES256, input, signature), "signature " + i);
            assertFalse(verifier.verify(ES256, ("header.payload+" + i).getBytes(StandardCharsets.US_ASCII),
                    signature), "another input under signature " + i);
        }
    }

    @Test
    void refusesKeysItCannotSignWithAndOtherAlgorithms() throws Exception {
        assertThrows(JOSEException.class, () -> new Es256Signer(new ECKeyGenerator(Curve.P_384).generate()));
        assertThrows(JOSEException.class,
                () -> new Es256Signer(new ECKeyGenerator(Curve.P_256).generate().toPublicJWK()));
        Es256Signer signer = new Es256Signer(new ECKeyGenerator(Curve.P_256).generate());
        assertThrows(JOSEException.class, () -> signer.sign(new JWSHeader(JWSAlgorithm.ES384), new byte[1]));
    }

    private static Base64URL coordinate(String hex) {
        return Base64URL.encode(HexFormat.of().parseHex(hex));
    }
}
