package io.tollgate.partners;

import io.tollgate.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A partner's API key. Only hashes of its secret are kept; after a rotation the previous secret keeps working
 * until {@code previousValidUntil}. It carries its scopes and its limits: the largest amount per call and the
 * total per UTC day, counted under the row lock of the crediting transaction.
 */
@Entity
@Table(name = "partner_key")
@NamedQuery(name = "PartnerKey.page", query = "SELECT k FROM PartnerKey k WHERE k.id > :after ORDER BY k.id")
public class PartnerKey {

    @Id
    @Column(length = 32)
    private String id;

    @Column(length = 500)
    private String description;

    static final int MAX_DESCRIPTION = 500;

    @Column(nullable = false, length = 16)
    private PartnerKeyStatus status;

    @Column(nullable = false, length = 200)
    private String scopes;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "previous_secret_hash", length = 64)
    private String previousSecretHash;

    @Column(name = "previous_valid_until")
    private OffsetDateTime previousValidUntil;

    @Column(name = "max_amount_per_call", precision = 38, scale = 18)
    private BigDecimal maxAmountPerCall;

    @Column(name = "max_amount_per_day", precision = 38, scale = 18)
    private BigDecimal maxAmountPerDay;

    @Column(name = "day_total", nullable = false, precision = 38, scale = 18)
    private BigDecimal dayTotal;

    @Column(name = "day_of_total")
    private LocalDate dayOfTotal;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "rotated_at")
    private OffsetDateTime rotatedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    protected PartnerKey() {
        // for JPA
    }

    PartnerKey(String id, String secretHash, Optional<String> description, Set<String> scopes, Limits limits,
               Instant at) {
        this.id = id;
        this.secretHash = secretHash;
        this.description = description.orElse(null);
        this.scopes = String.join(",", new LinkedHashSet<>(scopes));
        this.maxAmountPerCall = limits.perCall().orElse(null);
        this.maxAmountPerDay = limits.perDay().orElse(null);
        this.status = PartnerKeyStatus.ACTIVE;
        this.dayTotal = BigDecimal.ZERO;
        this.createdAt = Timestamps.utc(at);
    }

    /** True when {@code presentedHash} is this key's current secret, or its previous one within the grace. */
    boolean accepts(String presentedHash, Instant now) {
        if (!isActive()) {
            return false;
        }
        boolean current = sameHash(presentedHash, secretHash);
        boolean previous = previousSecretHash != null && sameHash(presentedHash, previousSecretHash)
                && previousValidUntil.toInstant().isAfter(now);
        return current | previous;
    }

    private static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    void rotate(String newSecretHash, Duration grace, Instant now) {
        requireActive();
        previousSecretHash = secretHash;
        previousValidUntil = Timestamps.utc(now.plus(grace));
        secretHash = newSecretHash;
        rotatedAt = Timestamps.utc(now);
    }

    void revoke(Instant now) {
        if (isActive()) {
            status = PartnerKeyStatus.REVOKED;
            revokedAt = Timestamps.utc(now);
        }
    }

    /** Counts {@code amount} against the key's limits, or refuses it naming the limit it would pass. */
    void charge(BigDecimal amount, Instant now) {
        if (maxAmountPerCall != null && amount.compareTo(maxAmountPerCall) > 0) {
            throw PartnersRefused.overCallLimit(maxAmountPerCall);
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        BigDecimal usedToday = usedOn(today);
        if (maxAmountPerDay != null && usedToday.add(amount).compareTo(maxAmountPerDay) > 0) {
            throw PartnersRefused.overDailyLimit(maxAmountPerDay, usedToday,
                    Duration.between(now, today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)).plusSeconds(1));
        }
        dayTotal = usedToday.add(amount);
        dayOfTotal = today;
        lastUsedAt = Timestamps.utc(now);
    }

    private void requireActive() {
        if (!isActive()) {
            throw PartnersRefused.revoked(id);
        }
    }

    boolean isActive() {
        return status == PartnerKeyStatus.ACTIVE;
    }

    String id() {
        return id;
    }

    Set<String> scopes() {
        return new LinkedHashSet<>(Arrays.asList(scopes.split(",")));
    }

    PartnerKeyJson toJson() {
        return new PartnerKeyJson(id, description, createdAt.toInstant(), status.code(), PartnerSecrets.PREFIX + id,
                scopes(), new PartnerKeyJson.LimitsJson(maxAmountPerCall, maxAmountPerDay),
                lastUsedAt == null ? null : lastUsedAt.toInstant(), usedOn(LocalDate.now(ZoneOffset.UTC)));
    }

    /** Credits added through this key on {@code day} (UTC), as its daily limit counts them. */
    private BigDecimal usedOn(LocalDate day) {
        return day.equals(dayOfTotal) ? dayTotal : BigDecimal.ZERO;
    }

    Optional<Instant> previousValidUntil() {
        return Optional.ofNullable(previousValidUntil).map(OffsetDateTime::toInstant);
    }

    /** The configured limits of a key; empty means unlimited. */
    public record Limits(Optional<BigDecimal> perCall, Optional<BigDecimal> perDay) {
    }
}
