package io.tollgate.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Issues user tokens the way an identity provider would: ES256 with a key generated at run time (its public half
 * goes into {@code mp.jwt.verify.publickey}), or Puku-style HS256 with a shared secret. Nothing here is committed:
 * every run makes its own keys.
 */
public final class TokenMinter {

    public static final String ISSUER = "https://idp.tollgate.test";
    public static final String AUDIENCE = "tollgate";

    private final ECKey signingKey;
    private final String hs256Secret;

    private TokenMinter(ECKey signingKey, String hs256Secret) {
        this.signingKey = signingKey;
        this.hs256Secret = hs256Secret;
    }

    public static TokenMinter generate() {
        try {
            return new TokenMinter(new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate(),
                    randomSecret());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Restores a minter saved with {@link #signingKeyJson()} and {@link #hs256Secret()}. */
    public static TokenMinter restore(String signingKeyJson, String hs256Secret) {
        try {
            return new TokenMinter(ECKey.parse(signingKeyJson), hs256Secret);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A fresh AES-256 master key, base64, for {@code tollgate.crypto.master-key}. */
    public static String randomMasterKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public String signingKeyJson() {
        return signingKey.toJSONString();
    }

    /** The JWK to configure as {@code mp.jwt.verify.publickey}. */
    public String publicKeyJson() {
        return signingKey.toPublicJWK().toJSONString();
    }

    public String hs256Secret() {
        return hs256Secret;
    }

    /** The standard claims of a valid user token, valid for {@code ttl}. */
    public static JWTClaimsSet.Builder claims(String userId, Duration ttl) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
    }

    public String user(String userId) {
        return es256(claims(userId, Duration.ofHours(1)).build());
    }

    public String admin(String subject) {
        return es256(claims(subject, Duration.ofHours(1)).claim("groups", List.of("admin")).build());
    }

    public String es256(JWTClaimsSet claims) {
        try {
            return sign(new ECDSASigner(signingKey), JWSAlgorithm.ES256, claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Puku token: HS256 with {@code uid} (and no issuer or audience, as Puku issued them). */
    public String puku(String uid, Duration ttl) {
        Instant now = Instant.now();
        return hs256(new JWTClaimsSet.Builder().claim("uid", uid).claim("email", uid + "@example.com")
                .claim("username", uid).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl))).build());
    }

    public String hs256(JWTClaimsSet claims) {
        return hs256(claims, hs256Secret.getBytes(StandardCharsets.UTF_8));
    }

    public static String hs256(JWTClaimsSet claims, byte[] secret) {
        try {
            return sign(new MACSigner(secret), JWSAlgorithm.HS256, claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
