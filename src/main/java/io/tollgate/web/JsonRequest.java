package io.tollgate.web;

import io.tollgate.problem.ProblemException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Strict reading of a JSON request body. Numbers are taken from the JSON text as exact decimals; a string where
 * a number belongs, or a number where a string belongs, is a 400 naming the field.
 */
public final class JsonRequest {

    private final JsonObject body;

    private JsonRequest(JsonObject body) {
        this.body = body;
    }

    public static JsonRequest of(JsonObject body) {
        if (body == null) {
            throw ProblemException.invalid("A JSON object body is required");
        }
        return new JsonRequest(body);
    }

    /** An absent body counts as {@code {}}: for endpoints whose fields are all optional. */
    public static JsonRequest ofOptional(JsonObject body) {
        return new JsonRequest(body == null ? JsonValue.EMPTY_JSON_OBJECT : body);
    }

    public String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> ProblemException.invalid(field + " is required"));
    }

    public Optional<String> optionalString(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString string)) {
            throw ProblemException.invalid(field + " must be a string");
        }
        return Optional.of(string.getString());
    }

    public BigDecimal requiredNumber(String field) {
        return optionalNumber(field).orElseThrow(() -> ProblemException.invalid(field + " is required"));
    }

    public Optional<BigDecimal> optionalNumber(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber number)) {
            throw ProblemException.invalid(field + " must be a JSON number");
        }
        try {
            return Optional.of(number.bigDecimalValue());
        } catch (NumberFormatException | ArithmeticException outOfRange) {
            throw ProblemException.invalid(field + " is out of range");
        }
    }

    /** The body as received, for fingerprinting idempotent requests. */
    public String canonical() {
        return body.toString();
    }
}
