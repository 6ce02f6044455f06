package io.tollgate.tokens;

import java.util.Optional;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.TransactionAttribute;
import io.tollgate.audit.AuditNote;
import io.tollgate.command.Commands;
import io.tollgate.security.Identity;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** What admins see of tokens and signing keys, and the audited rotation; for the REST API and the console. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS) // reads need none; a change is a command, which opens one
public class TokenAdministration {

    @PersistenceContext
    EntityManager em;
    @Inject
    SigningKeys signingKeys;
    @Inject
    TokenService tokens;
    @Inject
    Commands commands;

    /** A vended token as an admin sees it: never the token itself. */
    public record TokenRecord(String jti, String scope, String kid, Instant issuedAt, Instant expiresAt,
                              Instant revokedAt) {
    }

    /** A signing key: which signs, which are still published in the JWKS (until every token they signed expired). */
    public record KeyRecord(String kid, String algorithm, String status, Instant createdAt, Instant retiredAt,
                            Instant publishedUntil, boolean published) {
    }

    public List<TokenRecord> recentTokens(String userId, int limit) {
        return em.createNamedQuery("IssuedToken.recentOf", IssuedToken.class).setParameter("account", userId)
                .setMaxResults(limit).getResultStream()
                .map(t -> new TokenRecord(t.jti(), t.scope(), t.kid(), t.issuedAt(), t.expiresAt(),
                        t.isRevoked() ? t.revokedAt() : null))
                .toList();
    }

    public List<KeyRecord> signingKeys() {
        Instant now = Instant.now();
        return em.createNamedQuery("SigningKey.all", SigningKey.class).setMaxResults(50).getResultStream()
                .map(k -> new KeyRecord(k.kid(), k.algorithm(), k.status().code(), k.createdAt(),
                        k.retiredAt().orElse(null), k.publishedUntil().orElse(null), k.status() == SigningKeyStatus.ACTIVE
                        || k.publishedUntil().filter(until -> until.isAfter(now)).isPresent()))
                .toList();
    }

    /** An admin revokes a token: recorded in the audit trail, with the reason given. */
    public TokenService.Revocation revoke(Identity admin, String jti, Optional<String> reason) {
        return commands.adminAction(admin, AuditNote.on("token.revoke", jti).reason(reason),
                () -> tokens.revoke(jti, admin));
    }

    public SigningKeyRotated rotate(Identity admin) {
        return commands.adminAction(admin, AuditNote.of("signing-key.rotate"),
                () -> SigningKeyRotated.of(signingKeys.rotate()));
    }
}
