package io.tollgate.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's active token signing key, read from the database and opened with the test run's master key the
 * way an attacker holding both would. Lets tests forge tokens with a genuine signature but wrong claims, and
 * proves the stored key is sealed with AES-256-GCM under the master key, bound to its kid.
 */
public final class ServerSigningKey {

    private final ECKey key;

    private ServerSigningKey(ECKey key) {
        this.key = key;
    }

    public static ServerSigningKey active() {
        Database db = TestEnvironment.database();
        try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("SELECT kid, private_key_sealed FROM signing_key WHERE status = 'active'")) {
            if (!rs.next()) {
                throw new IllegalStateException("no active signing key yet: vend a token first");
            }
            return new ServerSigningKey(ECKey.parse(open(rs.getString(2), rs.getString(1))));
        } catch (SQLException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String open(String sealed, String kid) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE,
                    new SecretKeySpec(Base64.getDecoder().decode(TestEnvironment.masterKey()), "AES"),
                    new GCMParameterSpec(128, Arrays.copyOfRange(bytes, 0, 12)));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String kid() {
        return key.getKeyID();
    }

    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
