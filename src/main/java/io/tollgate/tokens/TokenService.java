package io.tollgate.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.credits.CreditService;
import io.tollgate.credits.EntryType;
import io.tollgate.credits.Posting;
import io.tollgate.observability.Metrics;
import io.tollgate.observability.OnCommit;
import io.tollgate.security.Actor;
import io.tollgate.security.Identity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sells access tokens for credits, and validates and revokes them. The {@code spend} entry, the signed token and
 * its {@link IssuedToken} record are made in one transaction: either the caller gets the token and is charged,
 * or neither happens.
 */
@Stateless
public class TokenService {

    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

    @PersistenceContext
    EntityManager em;
    @Inject
    CreditService credits;
    @Inject
    SigningKeys keys;
    @Inject
    Metrics metrics;
    @Inject
    OnCommit onCommit;
    @Inject
    @ConfigProperty(name = "tollgate.tokens.issuer", defaultValue = "tollgate")
    String issuer;
    @Inject
    @ConfigProperty(name = "tollgate.tokens.audience", defaultValue = "tollgate-clients")
    String audience;

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public VendedToken vend(String userId, TokenScope scope, Actor actor, Optional<String> idempotencyKey) {
        CreditService.Moved spend = credits.post(Posting.debit(userId, EntryType.SPEND, scope.cost(), actor,
                Optional.of("Access token (" + scope.name() + ")"), idempotencyKey));
        SigningKeys.Signer signer = keys.signer();
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(scope.lifetime());
        String jti = UUID.randomUUID().toString();
        String token = signer.sign(new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(userId)
                .audience(audience)
                .jwtID(jti)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .claim("scope", scope.name())
                // MicroProfile JWT verifiers map these: the caller name and its roles (@RolesAllowed(scope)).
                .claim("upn", userId)
                .claim("groups", List.of(scope.name()))
                .build());
        em.persist(new IssuedToken(jti, userId, scope.name(), signer.kid(), spend.entry().id(), issuedAt, expiresAt));
        onCommit.run(() -> metrics.tokenVended(scope.name()));
        return new VendedToken(true, token, "Bearer", scope.lifetime().toSeconds(), expiresAt, spend.balance(),
                scope.name(), jti, spend.entry().id().toString());
    }

    /** Checks, in this order: form, signature, issuer, validity window, revocation. */
    public TokenValidation validate(String token) {
        TokenValidation validation = check(token);
        metrics.tokenValidated(validation.valid() ? "valid" : validation.reason());
        return validation;
    }

    private TokenValidation check(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return TokenValidation.invalid(TokenValidation.Reason.MALFORMED);
        }
        String kid = jwt.getHeader().getKeyID();
        Optional<JWK> key = kid == null ? Optional.empty() : keys.verificationKey(kid);
        if (!ACCEPTED.contains(jwt.getHeader().getAlgorithm()) || key.isEmpty()
                || !SigningKeys.verifies(jwt, key.get())) {
            return TokenValidation.invalid(TokenValidation.Reason.BAD_SIGNATURE);
        }
        if (!issuer.equals(claims.getIssuer())) {
            return TokenValidation.invalid(TokenValidation.Reason.WRONG_ISSUER);
        }
        if (claims.getExpirationTime() == null || claims.getSubject() == null || claims.getJWTID() == null) {
            // Tollgate never signs such a token; without an expiry it could never stop being valid.
            return TokenValidation.invalid(TokenValidation.Reason.MALFORMED);
        }
        Instant now = Instant.now();
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now)) {
            return TokenValidation.invalid(TokenValidation.Reason.NOT_YET_VALID);
        }
        if (!claims.getExpirationTime().toInstant().isAfter(now)) {
            return TokenValidation.invalid(TokenValidation.Reason.EXPIRED);
        }
        IssuedToken issued = em.find(IssuedToken.class, claims.getJWTID());
        if (issued != null && issued.isRevoked()) {
            return TokenValidation.invalid(TokenValidation.Reason.REVOKED);
        }
        return TokenValidation.valid(claims.getSubject(), claims.getExpirationTime().toInstant(),
                (String) claims.getClaim("scope"));
    }

    /** The owner or an admin revokes a token by its id. Revocation refunds nothing. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Revocation revoke(String jti, Identity caller) {
        IssuedToken token = em.find(IssuedToken.class, jti);
        if (token == null) {
            throw TokensRefused.unknownToken(jti);
        }
        if (!caller.isAdmin() && caller.userId().filter(token::isOwnedBy).isEmpty()) {
            throw TokensRefused.notTokenOwner();
        }
        token.revoke(caller.actor().kind().code() + ":" + caller.actor().id(), Instant.now());
        return new Revocation(true, token.jti(), true, token.revokedAt());
    }

    public record Revocation(boolean success, String jti, boolean revoked, Instant revokedAt) {
    }
}
