package io.tollgate.webhooks;

import io.tollgate.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A correctly signed payment that was not credited. A payment is authoritative — the money was taken — so a
 * refusal is never silent: it waits here for an admin (who may, say, raise the payment maximum so the provider's
 * next redelivery is credited).
 */
@Entity
@Table(name = "payment_refusal")
@NamedQuery(name = "PaymentRefusal.page",
        query = "SELECT r FROM PaymentRefusal r WHERE r.eventId > :after ORDER BY r.eventId")
public class PaymentRefusal {

    @Id
    @Column(name = "event_id", length = 200)
    private String eventId;
    @Column(name = "account_id", nullable = false, length = 128)
    private String accountId;
    @Column(name = "amount_paid", nullable = false, precision = 38, scale = 18)
    private BigDecimal amountPaid;
    @Column(nullable = false, length = 16)
    private String currency;
    @Column(nullable = false, length = 500)
    private String reason;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "first_refused_at", nullable = false)
    private OffsetDateTime firstRefusedAt;
    @Column(name = "last_refused_at", nullable = false)
    private OffsetDateTime lastRefusedAt;

    protected PaymentRefusal() {
        // for JPA
    }

    PaymentRefusal(PaymentNotice notice, String reason, Instant now) {
        this.eventId = notice.eventId();
        this.accountId = notice.userId();
        this.amountPaid = notice.amount();
        this.currency = notice.currency();
        this.firstRefusedAt = Timestamps.utc(now);
        refusedAgain(reason, now);
    }

    void refusedAgain(String why, Instant now) {
        reason = why.length() > 500 ? why.substring(0, 500) : why;
        attempts++;
        lastRefusedAt = Timestamps.utc(now);
    }

    String eventId() {
        return eventId;
    }

    PaymentRefusalJson json() {
        return new PaymentRefusalJson(eventId, accountId, amountPaid, currency, reason, attempts,
                firstRefusedAt.toInstant(), lastRefusedAt.toInstant());
    }

    /** A refused payment as admins see it. */
    public record PaymentRefusalJson(String eventId, String userId, BigDecimal amount, String currency, String reason,
                                     int attempts, Instant firstRefusedAt, Instant lastRefusedAt) {
    }
}
