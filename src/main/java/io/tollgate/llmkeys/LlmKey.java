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
import java.util.Optional;
import java.util.UUID;

/**
 * A user's OpenRouter key and its metering. Its spend limit is backed by a hold on the user's credits
 * ({@code holdId}); {@code chargedUsageUsd} is the part of the key's lifetime usage already charged. The key itself
 * is sealed under the master key; its SHA-256 serves look-ups.
 */
@Entity
@Table(name = "llm_key")
@NamedQuery(name = "LlmKey.ofInState", query = "SELECT k FROM LlmKey k WHERE k.accountId = :account AND k.state = :state")
@NamedQuery(name = "LlmKey.inState", query = "SELECT k FROM LlmKey k WHERE k.state = :state")
@NamedQuery(name = "LlmKey.retiringSince", query = "SELECT k.id FROM LlmKey k WHERE k.state = :state"
        + " AND k.retiredAt < :before")
@NamedQuery(name = "LlmKey.page", query = "SELECT k FROM LlmKey k WHERE k.state <> :deleted AND k.id > :after"
        + " ORDER BY k.id")
@NamedQuery(name = "LlmKey.pageOf", query = "SELECT k FROM LlmKey k WHERE k.accountId = :account"
        + " AND k.state <> :deleted AND k.id > :after ORDER BY k.id")
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
    private LlmKeyState state;
    @Column(name = "hold_id")
    private Long holdId;
    @Column(name = "limit_usd", nullable = false, precision = 38, scale = 18)
    private BigDecimal limitUsd;
    @Column(name = "charged_usage_usd", nullable = false, precision = 38, scale = 18)
    private BigDecimal chargedUsageUsd;
    @Column(name = "observed_usage_usd", nullable = false, precision = 38, scale = 18)
    private BigDecimal observedUsageUsd;
    @Column(name = "observed_limit_remaining", precision = 38, scale = 18)
    private BigDecimal observedLimitRemaining;
    @Column(name = "observed_limit", precision = 38, scale = 18)
    private BigDecimal observedLimit;
    @Column(name = "observed_disabled", nullable = false)
    private boolean observedDisabled;
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
           String keySha256, long holdId, BigDecimal limitUsd, Instant expiresAt, Instant now) {
        this.id = id;
        this.accountId = accountId;
        this.name = name;
        this.openRouterHash = created.observation().hash();
        this.label = created.observation().label();
        this.keySealed = sealedKey.value();
        this.masterKeyId = sealedKey.masterKeyId();
        this.keySha256 = keySha256;
        this.state = LlmKeyState.LIVE;
        this.holdId = holdId;
        this.limitUsd = limitUsd;
        this.chargedUsageUsd = BigDecimal.ZERO;
        this.observedUsageUsd = BigDecimal.ZERO;
        this.expiresAt = Timestamps.utc(expiresAt);
        this.createdAt = Timestamps.utc(now);
        observe(created.observation(), now);
    }

    /**
     * A key found at OpenRouter under Tollgate's name prefix with no record (created, then the saving transaction
     * was lost): adopted without a hold, to be settled and deleted. Its usage is charged from available credits.
     */
    static LlmKey adoptOrphan(String accountId, KeyObservation orphan, Instant retiredAt, Instant now) {
        LlmKey key = new LlmKey();
        key.id = UUID.randomUUID().toString();
        key.accountId = accountId;
        key.name = orphan.name();
        key.openRouterHash = orphan.hash();
        key.label = orphan.label();
        key.state = LlmKeyState.RETIRING;
        key.limitUsd = orphan.limit().filter(l -> l.signum() > 0).orElse(orphan.usage().max(BigDecimal.ONE));
        key.chargedUsageUsd = BigDecimal.ZERO;
        key.observedUsageUsd = BigDecimal.ZERO;
        key.createdAt = Timestamps.utc(now);
        key.retiredAt = Timestamps.utc(retiredAt);
        key.observe(orphan, now);
        return key;
    }

    /** Records what OpenRouter reports. Lifetime usage only grows; an older, smaller report is ignored. */
    void observe(KeyObservation observation, Instant now) {
        observedUsageUsd = observedUsageUsd.max(observation.usage());
        observedLimitRemaining = observation.limitRemaining().orElse(null);
        observedLimit = observation.limit().orElse(null);
        observedDisabled = observation.disabled();
        observedAt = Timestamps.utc(now);
    }

    /** Usage observed but not yet charged, in USD; marks it charged. */
    BigDecimal takeUnchargedUsage() {
        BigDecimal uncharged = observedUsageUsd.subtract(chargedUsageUsd);
        chargedUsageUsd = observedUsageUsd;
        return uncharged.max(BigDecimal.ZERO);
    }

    boolean isFresh(Duration staleness, Instant now) {
        return observedAt != null && observedAt.toInstant().plus(staleness).isAfter(now);
    }

    /**
     * The room the key's hold still covers, in USD: its limit less the usage already charged, never negative. The
     * hold was placed as limit × rate and every charge captured from it, so this times the rate is exactly what the
     * hold still reserves (the spend invariant checks it) — no need to read the hold.
     */
    BigDecimal unchargedRoomUsd() {
        return holdId == null ? BigDecimal.ZERO : limitUsd.subtract(chargedUsageUsd).max(BigDecimal.ZERO);
    }

    /** What the key may still spend at OpenRouter, in USD, as last observed; negative after an overshoot. */
    BigDecimal roomUsd() {
        return limitUsd.subtract(observedUsageUsd);
    }

    /**
     * The limit that gives the key {@code extraUsd} more room than it has now; an overshoot is already charged,
     * so the new room counts from the usage, never from below it.
     */
    BigDecimal limitWithMoreRoom(BigDecimal extraUsd) {
        return limitUsd.max(observedUsageUsd).add(extraUsd);
    }

    void limitRaisedTo(BigDecimal newLimitUsd) {
        limitUsd = newLimitUsd;
        observedLimit = newLimitUsd;
    }

    /**
     * A live key must be replaced when OpenRouter disabled it behind Tollgate's back, when it expires within
     * {@code margin}, or when it predates holds (nothing backs its limit).
     */
    boolean needsReplacement(Duration margin, Instant now) {
        return observedDisabled || holdId == null
                || expiresAt != null && !expiresAt.toInstant().isAfter(now.plus(margin));
    }

    /** OpenRouter reports a limit other than the one Tollgate set (a raise whose transaction was lost). */
    boolean limitDrifted() {
        return observedLimit != null && observedLimit.compareTo(limitUsd) != 0;
    }

    void retire(Instant now) {
        state = LlmKeyState.RETIRING;
        retiredAt = Timestamps.utc(now);
    }

    void deleted(Instant now) {
        state = LlmKeyState.DELETED;
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

    LlmKeyState state() {
        return state;
    }

    Optional<Long> holdId() {
        return Optional.ofNullable(holdId);
    }

    BigDecimal limitUsd() {
        return limitUsd;
    }

    BigDecimal observedUsageUsd() {
        return observedUsageUsd;
    }

    BigDecimal chargedUsageUsd() {
        return chargedUsageUsd;
    }

    boolean observedDisabled() {
        return observedDisabled;
    }

    String name() {
        return name;
    }

    Instant observedAt() {
        return observedAt == null ? null : observedAt.toInstant();
    }

    Instant expiresAt() {
        return expiresAt == null ? null : expiresAt.toInstant();
    }
}
