package io.tollgate.webhooks;

import io.tollgate.refusal.Refused;

/** Why a webhook's notice was not credited. */
public final class WebhooksRefused extends Refused {

    public enum Reason {
        /** The webhook has no secret configured, so it accepts nothing. */
        DISABLED,
        /** The shared secret or the payment signature does not match, or the signature is stale. */
        NOT_AUTHENTIC,
        /** No credit rate is configured for the payment's currency. */
        UNKNOWN_CURRENCY,
        /** The event id was already credited with different content. */
        EVENT_ID_REUSED
    }

    private WebhooksRefused(Reason reason, String detail) {
        super(reason, detail);
    }

    static WebhooksRefused disabled(String missingSetting) {
        return new WebhooksRefused(Reason.DISABLED, "This webhook is disabled (" + missingSetting + " is not set)");
    }

    static WebhooksRefused notAuthentic(String why) {
        return new WebhooksRefused(Reason.NOT_AUTHENTIC, why);
    }

    static WebhooksRefused unknownCurrency(String currency) {
        return new WebhooksRefused(Reason.UNKNOWN_CURRENCY, "No credit rate for currency " + currency);
    }

    static WebhooksRefused eventIdReused(String eventId) {
        return new WebhooksRefused(Reason.EVENT_ID_REUSED,
                "Event " + eventId + " was already credited with other content");
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
