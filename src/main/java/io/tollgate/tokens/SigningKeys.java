package io.tollgate.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.crypto.Es256Signer;
import io.tollgate.crypto.MasterKey;
import io.tollgate.crypto.SignatureProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keys that sign and verify access tokens. By default the first start generates an ES256 (or RS256) key,
 * seals its private half with the {@link MasterKey} and stores it; {@code tollgate.tokens.signing-key} (a
 * private JWK) replaces that with a key from configuration. Keys are cached for a few seconds so vending costs
 * no extra query; a rotation on another instance is picked up within that time, and its old key stays
 * published long enough to cover it.
 */
@ApplicationScoped
public class SigningKeys {

    /** How often the caches are reloaded; a rotation on another instance is seen within this time. */
    static final Duration CACHE_TIME = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @Inject
    SigningKeyStore store;
    @Inject
    MasterKey masterKey;
    @Inject
    TokenScopes scopes;
    @Inject
    @ConfigProperty(name = "tollgate.tokens.algorithm", defaultValue = "ES256")
    String algorithm;
    @Inject
    @ConfigProperty(name = "tollgate.tokens.signing-key")
    Optional<String> configuredKey;

    private volatile Cached<Signer> signer;
    private volatile Cached<Map<String, JWK>> published;

    /**
     * The key to sign with now. {@link SigningKeyRefresh} reloads the cache every few seconds, off the request path:
     * a vend, which holds a connection and an account lock, must not wait for a second connection to reload keys.
     * Only a cache far past its time (the timer stopped) or an empty one is loaded here.
     */
    public Signer signer() {
        Cached<Signer> current = signer;
        if (current == null || current.isExpired()) {
            current = new Cached<>(loadSigner());
            signer = current;
        }
        return current.value();
    }

    /** Reloads the signer and the published keys (the refresh timer; a rotation elsewhere is seen within seconds). */
    public void refresh() {
        signer = new Cached<>(loadSigner());
        published = new Cached<>(loadPublished());
    }

    /** The public key with this id, if it is published; an unknown id reloads once, in case of a rotation. */
    public Optional<JWK> verificationKey(String kid) {
        Map<String, JWK> keys = publishedKeys(false);
        return Optional.ofNullable(keys.containsKey(kid) ? keys.get(kid) : publishedKeys(true).get(kid));
    }

    public JWKSet publicKeys() {
        return new JWKSet(List.copyOf(publishedKeys(false).values()));
    }

    private Map<String, JWK> publishedKeys(boolean reload) {
        Cached<Map<String, JWK>> keys = published;
        if (reload || keys == null || keys.isExpired()) {
            keys = new Cached<>(loadPublished());
            published = keys;
        }
        return keys.value();
    }

    /** Makes a new key the signer; the old one stays published until every token it signed has expired. */
    public Rotation rotate() {
        if (configuredKey.isPresent()) {
            throw TokensRefused.signingKeyConfigured();
        }
        Instant now = Instant.now();
        Instant publishedUntil = now.plus(scopes.longestLifetime()).plus(CACHE_TIME.multipliedBy(3))
                .plus(Duration.ofMinutes(1));
        SigningKey next = generate();
        Optional<SigningKey> retired = store.rotate(next, now, publishedUntil);
        signer = null;
        published = null;
        LOG.info(() -> "Token signing key rotated to " + next.kid());
        return new Rotation(next.kid(), retired.map(SigningKey::kid), retired.flatMap(SigningKey::publishedUntil));
    }

    public record Rotation(String kid, Optional<String> retiredKid, Optional<Instant> retiredKeyPublishedUntil) {
    }

    private Signer loadSigner() {
        if (configuredKey.isPresent()) {
            return Signer.of(parse(configuredKey.get()));
        }
        Optional<SigningKey> active = store.active();
        if (active.isEmpty()) {
            store.activateFirst(generate());
            active = store.active();
        }
        SigningKey key = active.orElseThrow();
        return Signer.of(parse(new String(masterKey.open(key.sealedPrivateJwk(), key.kid()), StandardCharsets.UTF_8)));
    }

    private Map<String, JWK> loadPublished() {
        List<JWK> keys = configuredKey.isPresent()
                ? List.of(parse(configuredKey.get()).toPublicJWK())
                : store.published(Instant.now()).stream().map(k -> parse(k.publicJwk())).toList();
        return keys.stream().collect(Collectors.toMap(JWK::getKeyID, Function.identity(), (a, b) -> a));
    }

    private SigningKey generate() {
        if (!masterKey.isConfigured()) {
            throw TokensRefused.signingNotConfigured();
        }
        try {
            String kid = UUID.randomUUID().toString();
            JWK key = "RS256".equals(algorithm)
                    ? new RSAKeyGenerator(2048).keyID(kid).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).generate()
                    : new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE)
                            .generate();
            return new SigningKey(kid, key.getAlgorithm().getName(), key.toPublicJWK().toJSONString(),
                    masterKey.seal(key.toJSONString().getBytes(StandardCharsets.UTF_8), kid), Instant.now());
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A signing key is not a valid JWK", e);
        }
    }

    /** Checks a signature with a published key. */
    static boolean verifies(SignedJWT jwt, JWK key) {
        try {
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
                    key.getKeyType().getValue().equals("EC") ? key.toECKey().toECPublicKey() : key.toRSAKey().toRSAPublicKey());
            verifier.getJCAContext().setProvider(SignatureProvider.INSTANCE);
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }

    /** A private key ready to sign, with its id. */
    public record Signer(String kid, JWSAlgorithm algorithm, JWSSigner jwsSigner) {

        static Signer of(JWK privateKey) {
            try {
                JWSAlgorithm alg = privateKey.getAlgorithm() != null
                        ? JWSAlgorithm.parse(privateKey.getAlgorithm().getName())
                        : "EC".equals(privateKey.getKeyType().getValue()) ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
                JWSSigner signer;
                if (JWSAlgorithm.ES256.equals(alg) && privateKey instanceof ECKey ecKey) {
                    signer = new Es256Signer(ecKey);
                } else {
                    signer = new DefaultJWSSignerFactory().createJWSSigner(privateKey, alg);
                    signer.getJCAContext().setProvider(SignatureProvider.INSTANCE);
                }
                return new Signer(privateKey.getKeyID(), alg, signer);
            } catch (JOSEException e) {
                throw new IllegalStateException("The signing key cannot sign", e);
            }
        }

        public String sign(JWTClaimsSet claims) {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT)
                        .build(), claims);
                jwt.sign(jwsSigner);
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException("Signing failed", e);
            }
        }
    }

    private record Cached<T>(T value, Instant loadedAt) {
        Cached(T value) {
            this(value, Instant.now());
        }

        /** Three refresh periods missed: the timer is not running, so the reader reloads. */
        boolean isExpired() {
            return loadedAt.plus(CACHE_TIME.multipliedBy(3)).isBefore(Instant.now());
        }
    }
}
