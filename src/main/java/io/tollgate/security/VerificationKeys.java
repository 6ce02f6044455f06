package io.tollgate.security;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;

/**
 * Reads the verification keys named by the standard MicroProfile JWT properties: {@code mp.jwt.verify.publickey}
 * (PEM, JWK or JWKS text) or {@code mp.jwt.verify.publickey.location} (an http(s) JWKS URL, fetched and cached by
 * Nimbus; or a file, {@code file:} URL or class-path resource holding PEM, JWK or JWKS).
 */
final class VerificationKeys {

    private VerificationKeys() {
    }

    static JWKSource<SecurityContext> fromText(String text) {
        return new ImmutableJWKSet<>(parse(text));
    }

    static JWKSource<SecurityContext> fromLocation(String location) {
        try {
            if (location.startsWith("http://") || location.startsWith("https://")) {
                return JWKSourceBuilder.create(URI.create(location).toURL()).build();
            }
            return fromText(read(location));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read mp.jwt.verify.publickey.location " + location, e);
        }
    }

    private static String read(String location) throws IOException {
        if (location.startsWith("file:")) {
            return Files.readString(Path.of(URI.create(location)));
        }
        String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(Path.of(location));
    }

    static JWKSet parse(String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.startsWith("{")) {
                return trimmed.contains("\"keys\"") ? JWKSet.parse(trimmed) : new JWKSet(JWK.parse(trimmed));
            }
            return new JWKSet(toJwk(decodePem(trimmed)));
        } catch (ParseException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The configured JWT verification key is neither PEM, JWK nor JWKS", e);
        }
    }

    private static PublicKey decodePem(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static JWK toJwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        ECPublicKey ec = (ECPublicKey) key;
        return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
    }
}
