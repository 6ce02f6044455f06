package io.tollgate.llmkeys;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Optional;

/** What OpenRouter says of a key. Amounts are USD, exact, parsed from the JSON text. */
public record KeyObservation(String hash, String name, String label, boolean disabled, Optional<BigDecimal> limit,
                             Optional<BigDecimal> limitRemaining, BigDecimal usage) {

    static KeyObservation of(JsonObject key) {
        return new KeyObservation(key.getString("hash"), key.getString("name", ""), key.getString("label", ""),
                key.getBoolean("disabled", false), decimal(key, "limit"), decimal(key, "limit_remaining"),
                decimal(key, "usage").orElse(BigDecimal.ZERO));
    }

    private static Optional<BigDecimal> decimal(JsonObject key, String field) {
        JsonValue value = key.get(field);
        return value instanceof JsonNumber number ? Optional.of(number.bigDecimalValue()) : Optional.empty();
    }
}
