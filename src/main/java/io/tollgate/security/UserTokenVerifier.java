package io.tollgate.security;

import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import io.tollgate.crypto.SignatureProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTProcessor;
import io.tollgate.security.UserIds;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies user bearer tokens with Nimbus JOSE+JWT.
 * <ul>
 * <li>RS256 and ES256 tokens against the keys and claims of the standard {@code mp.jwt.verify.*} properties;</li>
 * <li>Puku's HS256 tokens against {@code tollgate.auth.hs256-secret}, when it is set.</li>
 * </ul>
 * The token header only chooses which of the two verifiers sees the token; each accepts only its own algorithms
 * and keys, so a token cannot choose its way around a key (no {@code alg: none}, no algorithm confusion).
 * {@code exp} is required everywhere.
 * <p>
 * A token once verified is remembered (by the SHA-256 of its text, up to {@link #REMEMBERED_TOKENS} of them) until
 * it expires, for at most {@link #REMEMBERED_FOR}: a client presents the same token for many requests, and checking
 * its ES256 signature again each time was a tenth of the server's CPU under load (docs/benchmarks.md). Nothing a
 * token says changes before it expires; what can change is its key, when {@code mp.jwt.verify.publickey.location}
 * is the identity provider's JWKS URL and the provider withdraws a key. Nimbus keeps a fetched JWKS for 5 minutes, so
 * remembering a token for as long keeps a withdrawn key working no longer than it already did.
 */
@ApplicationScoped
public class UserTokenVerifier {

    private static final Logger LOG = Logger.getLogger(UserTokenVerifier.class.getName());
    private static final int MIN_HS256_SECRET_BYTES = 32;
    private static final int REMEMBERED_TOKENS = 10_000;
    private static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

    @Inject
    @ConfigProperty(name = "tollgate.auth.hs256-secret")
    Optional<String> hs256Secret;
    @Inject
    @ConfigProperty(name = "tollgate.auth.hs256-issuer")
    Optional<String> hs256Issuer;
    @Inject
    @ConfigProperty(name = "tollgate.auth.hs256-audience")
    Optional<String> hs256Audience;
    @Inject
    @ConfigProperty(name = "tollgate.auth.hs256-admins", defaultValue = "false")
    boolean hs256Admins;
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> publicKey;
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Optional<String> audiences;
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    int clockSkewSeconds;

    private Optional<JWTProcessor<SecurityContext>> hs256 = Optional.empty();
    private Optional<JWTProcessor<SecurityContext>> publicKeyTokens = Optional.empty();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Identity identity, Instant expiresAt) {
    }

    @PostConstruct
    void configure() {
        hs256 = hs256Secret.filter(secret -> !secret.isBlank()).flatMap(this::hs256Processor);
        Optional<JWKSource<SecurityContext>> keys = publicKey.filter(text -> !text.isBlank())
                .map(VerificationKeys::fromText)
                .or(() -> publicKeyLocation.filter(location -> !location.isBlank()).map(VerificationKeys::fromLocation));
        publicKeyTokens = keys.map(source -> processor(
                new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), source),
                issuer, audiences));
    }

    /** The kinds of bearer token that can be verified, as configured: none means no user can sign in. */
    List<String> acceptedTokens() {
        List<String> kinds = new java.util.ArrayList<>();
        publicKeyTokens.ifPresent(p -> kinds.add("RS256/ES256"));
        hs256.ifPresent(p -> kinds.add("HS256"));
        return kinds;
    }

    /** Whether admins can present a token (admin group) rather than the admin secret. */
    boolean acceptsAdminTokens() {
        return publicKeyTokens.isPresent() || (hs256.isPresent() && hs256Admins);
    }

    private Optional<JWTProcessor<SecurityContext>> hs256Processor(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_HS256_SECRET_BYTES) {
            LOG.severe("tollgate.auth.hs256-secret is shorter than 32 bytes; HS256 tokens are refused until it is longer");
            return Optional.empty();
        }
        return Optional.of(processor(
                new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(bytes)),
                hs256Issuer, hs256Audience));
    }

    private JWTProcessor<SecurityContext> processor(JWSVerificationKeySelector<SecurityContext> keys,
                                                    Optional<String> expectedIssuer,
                                                    Optional<String> expectedAudiences) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keys);
        DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
        verifiers.getJCAContext().setProvider(SignatureProvider.INSTANCE);
        processor.setJWSVerifierFactory(verifiers);
        Set<String> acceptedAudiences = expectedAudiences
                .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet()))
                .filter(set -> !set.isEmpty())
                .orElse(null);
        JWTClaimsSet exactMatch = expectedIssuer.filter(s -> !s.isBlank())
                .map(iss -> new JWTClaimsSet.Builder().issuer(iss).build())
                .orElse(new JWTClaimsSet.Builder().build());
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(acceptedAudiences, exactMatch, Set.of("exp"), null);
        claims.setMaxClockSkew(clockSkewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    Identity verify(String token) throws InvalidCredentialsException {
        String digest = Secrets.sha256Hex(token);
        Verified known = verified.get(digest);
        if (known != null && Instant.now().isBefore(known.expiresAt())) {
            return known.identity();
        }
        Verified fresh = verifyAfresh(token);
        if (verified.size() >= REMEMBERED_TOKENS) {
            verified.clear(); // bounded; the clients still active are remembered again at their next request
        }
        verified.put(digest, fresh);
        return fresh.identity();
    }

    private Verified verifyAfresh(String token) throws InvalidCredentialsException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidCredentialsException("The bearer token is not a well-formed JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidCredentialsException("Unsigned and encrypted tokens are not accepted");
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        JWTProcessor<SecurityContext> processor = (JWSAlgorithm.HS256.equals(algorithm) ? hs256 : publicKeyTokens)
                .orElseThrow(() -> new InvalidCredentialsException(
                        "Tokens signed with " + algorithm + " are not accepted here"));
        try {
            JWTClaimsSet claims = processor.process(signed, null);
            Identity identity = identityOf(claims);
            if (identity.isAdmin() && JWSAlgorithm.HS256.equals(algorithm) && !hs256Admins) {
                // Puku's secret is shared with the systems that mint user tokens: by itself it makes no admins.
                throw new InvalidCredentialsException("HS256 tokens cannot name admins here"
                        + " (tollgate.auth.hs256-admins is off)");
            }
            Instant expires = claims.getExpirationTime().toInstant();
            Instant rememberedUntil = Instant.now().plus(REMEMBERED_FOR);
            return new Verified(identity, expires.isBefore(rememberedUntil) ? expires : rememberedUntil);
        } catch (BadJWTException e) {
            throw new InvalidCredentialsException(claimsFailure(e));
        } catch (BadJOSEException e) {
            throw new InvalidCredentialsException("The token signature or algorithm is not accepted");
        } catch (JOSEException e) {
            throw new InvalidCredentialsException("The token could not be verified");
        }
    }

    private static String claimsFailure(BadJWTException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Expired")) {
            return "The token has expired";
        }
        if (message.contains("before use time")) {
            return "The token is not valid yet";
        }
        if (message.contains("missing required claims")) {
            return "The token lacks a required claim (exp)";
        }
        if (message.contains(" iss ")) {
            return "The token issuer is not accepted";
        }
        if (message.contains(" aud ")) {
            return "The token audience is not accepted";
        }
        return "The token claims are not accepted";
    }

    private static Identity identityOf(JWTClaimsSet claims) throws InvalidCredentialsException {
        try {
            String uid = Optional.ofNullable(claims.getStringClaim("uid")).filter(s -> !s.isEmpty())
                    .orElse(claims.getSubject());
            if (uid == null || uid.isEmpty()) {
                throw new InvalidCredentialsException("The token names no user (uid or sub)");
            }
            if (!UserIds.isValid(uid)) {
                throw new InvalidCredentialsException("The token's user id is not a valid user id");
            }
            List<String> groups = Optional.ofNullable(claims.getStringListClaim("groups")).orElse(List.of());
            Optional<String> name = Optional.ofNullable(claims.getStringClaim("username"))
                    .or(() -> optionalClaim(claims, "name"));
            Set<String> groupSet = new HashSet<>(groups);
            // An admin token names an operator, not a customer: it acts for users only by naming them.
            Optional<String> userId = groupSet.contains(Identity.ADMIN_GROUP) ? Optional.empty() : Optional.of(uid);
            return Identity.fromToken(uid, userId, optionalClaim(claims, "email"), name, groupSet);
        } catch (ParseException e) {
            throw new InvalidCredentialsException("The token claims have the wrong types");
        }
    }

    private static Optional<String> optionalClaim(JWTClaimsSet claims, String name) {
        try {
            return Optional.ofNullable(claims.getStringClaim(name));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
