package io.tollgate.webhooks;

import java.math.BigDecimal;
import java.util.Optional;

/** A payment provider's notice that a user paid: {@code {eventId, userId, amount, currency, reason}}. */
public record PaymentNotice(String eventId, String userId, BigDecimal amount, String currency, Optional<String> reason) {
}
