package io.tollgate.llmkeys;

import io.tollgate.crypto.MasterKey;
import io.tollgate.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A user's OpenRouter key and its metering. {@code chargedUsageUsd} is the part of the key's lifetime usage
 * already turned into {@code llm_usage} entries; what the user could not pay is kept as {@code unpaidCredits},
 * never dropped. The key itself is sealed under the master key; its SHA-256 serves look-ups.
 */
@Entity
@Table(name = "llm_key")
@NamedQuery(name = "LlmKey.liveOf", query = "SELECT k FROM LlmKey k WHERE k.accountId = :account AND k.state = 'live'")
@NamedQuery(name = "LlmKey.openOf",
        query = "SELECT k FROM LlmKey k WHERE k.accountId = :account AND k.state <> 'deleted'")
@NamedQuery(name = "LlmKey.retiringSince",
        query = "SELECT k FROM LlmKey k WHERE k.state = 'retiring' AND k.retiredAt < :before")
@NamedQuery(name = "LlmKey.page",
        query = "SELECT k FROM LlmKey k WHERE k.state <> 'deleted' AND k.id > :after ORDER BY k.id")
@NamedQuery(name = "LlmKey.staleLive",
        query = "SELECT k.accountId FROM LlmKey k WHERE k.state = 'live' AND (k.observedAt IS NULL OR k.observedAt < :before)")
public class LlmKey {

    @Id
    @Column(length = 64)
    private String id;
    @Column(name = "account_id", nullable = false, length = 128)
    private String accountId;
    @Column(name = "openrouter_hash", nullable = false, length = 128)
    private String openRouterHash;
    @Column(nullable = false, length = 200)
    private String name;
    @Column(length = 64)
    private String label;
    @Column(name = "key_sealed")
    private String keySealed;
    @Column(name = "master_key_id", length = 64)
    private String masterKeyId;
    @Column(name = "key_sha256", length = 64)
    private String keySha256;
    @Column(nullable = false, length = 16)
    private String state;
    @Column(name = "limit_usd", nullable = false, precision = 38, scale = 18)
    private BigDecimal limitUsd;
    @Column(name = "charged_usage_usd", nullable = false, precision = 38, scale = 18)
    private BigDecimal chargedUsageUsd;
    @Column(name = "unpaid_credits", nullable = false, precision = 38, scale = 18)
    private BigDecimal unpaidCredits;
    @Column(name = "observed_usage_usd", nullable = false, precision = 38, scale = 18)
    private BigDecimal observedUsageUsd;
    @Column(name = "observed_limit_remaining", precision = 38, scale = 18)
    private BigDecimal observedLimitRemaining;
    @Column(name = "observed_at")
    private OffsetDateTime observedAt;
    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;
    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;
    @Column(name = "retired_at")
    private OffsetDateTime retiredAt;
    @Column(name = "deleted_at")
    private OffsetDateTime deletedAt;

    protected LlmKey() {
        // for JPA
    }

    LlmKey(String id, String accountId, String name, OpenRouter.CreatedKey created, MasterKey.Sealed sealedKey,
           String keySha256, BigDecimal limitUsd, Instant expiresAt, Instant now) {
        this.id = id;
        this.accountId = accountId;
        this.name = name;
        this.openRouterHash = created.observation().hash();
        this.label = created.observation().label();
        this.keySealed = sealedKey.value();
        this.masterKeyId = sealedKey.masterKeyId();
        this.keySha256 = keySha256;
        this.state = "live";
        this.limitUsd = limitUsd;
        this.chargedUsageUsd = BigDecimal.ZERO;
        this.unpaidCredits = BigDecimal.ZERO;
        this.observedUsageUsd = BigDecimal.ZERO;
        this.expiresAt = Timestamps.utc(expiresAt);
        this.createdAt = Timestamps.utc(now);
        observe(created.observation(), now);
    }

    /** A key found at OpenRouter under Tollgate's name prefix with no record: adopted to be settled and deleted. */
    static LlmKey adoptOrphan(String accountId, KeyObservation orphan, Instant now) {
        LlmKey key = new LlmKey();
        key.id = UUID.randomUUID().toString();
        key.accountId = accountId;
        key.name = orphan.name();
        key.openRouterHash = orphan.hash();
        key.label = orphan.label();
        key.state = "retiring";
        key.limitUsd = orphan.limit().filter(l -> l.signum() > 0).orElse(orphan.usage().max(BigDecimal.ONE));
        key.chargedUsageUsd = BigDecimal.ZERO;
        key.unpaidCredits = BigDecimal.ZERO;
        key.observedUsageUsd = BigDecimal.ZERO;
        key.createdAt = Timestamps.utc(now);
        key.retiredAt = Timestamps.utc(now);
        key.observe(orphan, now);
        return key;
    }

    /** Records what OpenRouter reports. Lifetime usage only grows; an older, smaller report is ignored. */
    void observe(KeyObservation observation, Instant now) {
        observedUsageUsd = observedUsageUsd.max(observation.usage());
        observedLimitRemaining = observation.limitRemaining().orElse(null);
        observedAt = Timestamps.utc(now);
    }

    /** Usage observed but not yet charged, in USD; marks it charged. */
    BigDecimal takeUnchargedUsage() {
        BigDecimal uncharged = observedUsageUsd.subtract(chargedUsageUsd);
        chargedUsageUsd = observedUsageUsd;
        return uncharged.max(BigDecimal.ZERO);
    }

    /** Adds credits owed for usage; answers everything owed. */
    BigDecimal owe(BigDecimal credits) {
        unpaidCredits = unpaidCredits.add(credits);
        return unpaidCredits;
    }

    void paid(BigDecimal credits) {
        unpaidCredits = unpaidCredits.subtract(credits);
    }

    boolean isFresh(Duration staleness, Instant now) {
        return observedAt != null && observedAt.toInstant().plus(staleness).isAfter(now);
    }

    boolean needsRotation(BigDecimal rotateAtOrBelowUsd) {
        return observedLimitRemaining != null && observedLimitRemaining.compareTo(rotateAtOrBelowUsd) <= 0;
    }

    /** How much more this key may still spend at OpenRouter, in USD. */
    BigDecimal spendableUsd() {
        return limitUsd.subtract(observedUsageUsd).max(BigDecimal.ZERO);
    }

    void retire(Instant now) {
        state = "retiring";
        retiredAt = Timestamps.utc(now);
    }

    void deleted(Instant now) {
        state = "deleted";
        deletedAt = Timestamps.utc(now);
    }

    MasterKey.Sealed sealedKey() {
        return new MasterKey.Sealed(masterKeyId, keySealed);
    }

    String id() {
        return id;
    }

    String accountId() {
        return accountId;
    }

    String openRouterHash() {
        return openRouterHash;
    }

    String label() {
        return label;
    }

    String state() {
        return state;
    }

    BigDecimal limitUsd() {
        return limitUsd;
    }

    BigDecimal unpaidCredits() {
        return unpaidCredits;
    }

    BigDecimal observedUsageUsd() {
        return observedUsageUsd;
    }

    BigDecimal chargedUsageUsd() {
        return chargedUsageUsd;
    }

    String name() {
        return name;
    }

    Instant observedAt() {
        return observedAt == null ? null : observedAt.toInstant();
    }
}
