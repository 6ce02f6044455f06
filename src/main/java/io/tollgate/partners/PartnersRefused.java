package io.tollgate.partners;

import io.tollgate.credits.CreditAmounts;
import io.tollgate.refusal.Refused;
import java.math.BigDecimal;
import java.time.Duration;

/** Why a partner key, or what a partner asked of it, was refused. */
public final class PartnersRefused extends Refused {

    public enum Reason {
        /** The key presented is unknown, or was revoked while the request ran. */
        INVALID_KEY,
        /** An admin named a key that does not exist. */
        UNKNOWN_KEY,
        /** An admin acted on a key already revoked. */
        KEY_REVOKED,
        /** One call credits more than the key's per-call limit. */
        OVER_CALL_LIMIT,
        /** The call would take the key's credits today past its daily limit; momentary, until midnight UTC. */
        OVER_DAILY_LIMIT
    }

    private PartnersRefused(Reason reason, String detail, Duration retryAfter) {
        super(reason, detail, retryAfter);
    }

    private PartnersRefused(Reason reason, String detail) {
        this(reason, detail, null);
    }

    static PartnersRefused invalidKey() {
        return new PartnersRefused(Reason.INVALID_KEY, "Invalid or revoked API Key");
    }

    static PartnersRefused unknownKey(String id) {
        return new PartnersRefused(Reason.UNKNOWN_KEY, "API key " + id + " not found");
    }

    static PartnersRefused revoked(String id) {
        return new PartnersRefused(Reason.KEY_REVOKED, "API key " + id + " is revoked");
    }

    static PartnersRefused overCallLimit(BigDecimal perCall) {
        return new PartnersRefused(Reason.OVER_CALL_LIMIT,
                "Amount exceeds this API key's per-call limit of " + CreditAmounts.plain(perCall));
    }

    static PartnersRefused overDailyLimit(BigDecimal perDay, BigDecimal usedToday, Duration untilTomorrow) {
        return new PartnersRefused(Reason.OVER_DAILY_LIMIT, "Amount exceeds this API key's daily limit of "
                + CreditAmounts.plain(perDay) + " (used today: " + CreditAmounts.plain(usedToday) + ")", untilTomorrow);
    }

    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }
}
