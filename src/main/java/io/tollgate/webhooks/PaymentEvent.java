package io.tollgate.webhooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A payment event that was credited, kept forever so its {@code eventId} is never credited again. */
@Entity
@Table(name = "payment_event")
public class PaymentEvent {

    @Id
    @Column(name = "event_id", length = 200)
    private String eventId;

    @Column(nullable = false, length = 64)
    private String fingerprint;

    @Column(name = "ledger_entry_id")
    private Long ledgerEntryId;

    @Column(name = "response_body")
    private String responseBody;

    protected PaymentEvent() {
        // for JPA
    }

    boolean isFor(String requestFingerprint) {
        return fingerprint.equals(requestFingerprint);
    }

    void credited(Long entryId, String answer) {
        this.ledgerEntryId = entryId;
        this.responseBody = answer;
    }

    String responseBody() {
        return responseBody;
    }
}
