package io.tollgate.webhooks;

import io.tollgate.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A payment that was credited: what was paid, in which currency, and the ledger entry that credited it. That its
 * event is never credited twice is the idempotency store's job (the event id is its permanent key).
 */
@Entity
@Table(name = "payment_event")
public class PaymentEvent {

    @Id
    @Column(name = "event_id", length = 200)
    private String eventId;

    @Column(name = "account_id", nullable = false, length = 128)
    private String accountId;

    @Column(name = "amount_paid", nullable = false, precision = 38, scale = 18)
    private BigDecimal amountPaid;

    @Column(nullable = false, length = 8)
    private String currency;

    @Column(name = "ledger_entry_id")
    private Long ledgerEntryId;

    @Column(name = "received_at", nullable = false)
    private OffsetDateTime receivedAt;

    protected PaymentEvent() {
        // for JPA
    }

    PaymentEvent(PaymentNotice notice, long ledgerEntryId, Instant receivedAt) {
        this.eventId = notice.eventId();
        this.accountId = notice.userId();
        this.amountPaid = notice.amount();
        this.currency = notice.currency();
        this.ledgerEntryId = ledgerEntryId;
        this.receivedAt = Timestamps.utc(receivedAt);
    }
}
