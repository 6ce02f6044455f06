package io.tollgate.partners;

import io.tollgate.credits.CreditService;
import io.tollgate.credits.EntryType;
import io.tollgate.credits.Posting;
import io.tollgate.security.Identity;
import io.tollgate.security.PartnerKeyAuthenticator;
import io.tollgate.security.PartnerScopes;
import io.tollgate.web.Page;
import io.tollgate.web.PageRequest;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Partner API keys: issuing, listing, rotating and revoking them, authenticating with them, and their credits. */
@Stateless
@Local(PartnerKeyAuthenticator.class)
@jakarta.ejb.LocalBean
public class PartnerKeyService implements PartnerKeyAuthenticator {

    @PersistenceContext
    EntityManager em;
    @Inject
    CreditService credits;
    @Inject
    @ConfigProperty(name = "tollgate.partners.rotation-grace", defaultValue = "PT24H")
    Duration rotationGrace;

    /** Issues a key; the answer is the only time its secret is ever shown. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public IssuedKey create(Optional<String> description, Set<String> scopes, PartnerKey.Limits limits) {
        String id = PartnerSecrets.newKeyId();
        String secret = PartnerSecrets.newSecret(id);
        PartnerKey key = new PartnerKey(id, PartnerSecrets.hash(secret), description, scopes, limits, Instant.now());
        em.persist(key);
        return new IssuedKey(key.toJson(), secret, Optional.empty());
    }

    public Page<PartnerKeyJson> list(PageRequest page) {
        return Page.of(em.createNamedQuery("PartnerKey.page", PartnerKey.class)
                        .setParameter("after", page.after().orElse(""))
                        .setMaxResults(page.limit() + 1)
                        .getResultList(), page.limit(), PartnerKey::id)
                .map(PartnerKey::toJson);
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public PartnerKeyJson revoke(String id) {
        PartnerKey key = locked(id);
        key.revoke(Instant.now());
        return key.toJson();
    }

    /** A new secret; the old one keeps working for {@code tollgate.partners.rotation-grace}. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public IssuedKey rotate(String id) {
        PartnerKey key = locked(id);
        String secret = PartnerSecrets.newSecret(id);
        key.rotate(PartnerSecrets.hash(secret), rotationGrace, Instant.now());
        return new IssuedKey(key.toJson(), secret, key.previousValidUntil());
    }

    @Override
    public Optional<Identity> authenticate(String presentedSecret) {
        Instant now = Instant.now();
        String presentedHash = PartnerSecrets.hash(presentedSecret);
        return PartnerSecrets.keyIdOf(presentedSecret)
                .map(id -> em.find(PartnerKey.class, id))
                .filter(key -> key.accepts(presentedHash, now))
                .map(key -> Identity.partner(key.id(), key.scopes()));
    }

    /**
     * Credits a user for a partner. The key's row is locked so its daily total is exact under concurrent calls,
     * and a key revoked meanwhile is refused. A key with {@code users:create} opens unknown accounts.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public CreditService.Moved addCredits(Identity partner, String userId, BigDecimal amount, Optional<String> reason,
                                  Optional<String> idempotencyKey) {
        PartnerKey key = em.find(PartnerKey.class, partner.partnerKeyId().orElseThrow(), LockModeType.PESSIMISTIC_WRITE);
        if (key == null || !key.isActive()) {
            throw PartnersRefused.invalidKey();
        }
        // An account this key opens comes with the starting grant: credit the key gave, so it counts against its caps.
        BigDecimal granted = partner.isPartnerWith(PartnerScopes.USERS_CREATE)
                ? credits.ensureOpen(userId, Optional.empty(), Optional.empty(), partner.actor())
                : BigDecimal.ZERO;
        key.charge(amount.add(granted), Instant.now());
        return credits.post(Posting.credit(userId, EntryType.API_ADD, amount, partner.actor(), reason, idempotencyKey));
    }

    private PartnerKey locked(String id) {
        PartnerKey key = em.find(PartnerKey.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (key == null) {
            throw PartnersRefused.unknownKey(id);
        }
        return key;
    }

    /** A key with its secret, as answered once at creation or rotation. */
    public record IssuedKey(PartnerKeyJson key, String secret, Optional<Instant> previousSecretValidUntil) {
    }
}
