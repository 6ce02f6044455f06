package io.tollgate.web;

import io.tollgate.refusal.InvalidRequest;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Strict reading of a JSON request body. Numbers are taken from the JSON text as exact decimals; a string where
 * a number belongs, or a number where a string belongs, is a 400 naming the field.
 */
public final class JsonRequest {

    /**
     * Found once: {@code Json.createReader} looks the JSON-P provider up with a {@code ServiceLoader} on every call,
     * scanning the application's jars (a tenth of the server's CPU under load, measured in docs/benchmarks.md).
     */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(java.util.Map.of());

    private static final int MAX_REASON_LENGTH = 500;

    private final JsonObject body;

    private JsonRequest(JsonObject body) {
        this.body = body;
    }

    /** A request body that must be a JSON object. Bodies are bound as text and parsed here, in one place. */
    public static JsonRequest of(String body) {
        if (body == null || body.isBlank()) {
            throw InvalidRequest.invalid("A JSON object body is required");
        }
        return ofText(body);
    }

    /**
     * For endpoints whose fields are all optional: an empty body counts as {@code {}}. Takes the raw text because
     * such clients often send no body and no Content-Type at all.
     */
    public static JsonRequest ofOptional(String body) {
        return body == null || body.isBlank() ? new JsonRequest(JsonValue.EMPTY_JSON_OBJECT) : ofText(body);
    }

    /**
     * A body read as text (also where a signature covers its exact bytes) that must be a JSON object. Whatever the
     * JSON reader refuses — a syntax error, nesting past its depth limit (which Parsson reports as a bare
     * {@code RuntimeException}) — is a 400 {@code malformed-json}; valid JSON that is not an object is a 400 too.
     */
    public static JsonRequest ofText(String body) {
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new StringReader(body))) {
            value = reader.readValue();
        } catch (NumberFormatException | ArithmeticException outOfRange) {
            throw InvalidRequest.invalid("A number in the request is out of range");
        } catch (RuntimeException | StackOverflowError unreadable) {
            throw InvalidRequest.malformedJson();
        }
        if (!(value instanceof JsonObject object)) {
            throw InvalidRequest.invalid("The request body must be a JSON object");
        }
        return new JsonRequest(object);
    }

    public String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> InvalidRequest.invalid(field + " is required"));
    }

    public Optional<String> optionalString(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString string)) {
            throw InvalidRequest.invalid(field + " must be a string");
        }
        return Optional.of(string.getString());
    }

    public BigDecimal requiredNumber(String field) {
        return optionalNumber(field).orElseThrow(() -> InvalidRequest.invalid(field + " is required"));
    }

    public Optional<BigDecimal> optionalNumber(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber number)) {
            throw InvalidRequest.invalid(field + " must be a JSON number");
        }
        try {
            return Optional.of(number.bigDecimalValue());
        } catch (NumberFormatException | ArithmeticException outOfRange) {
            throw InvalidRequest.invalid(field + " is out of range");
        }
    }

    /** A free-text reason recorded on the ledger: at most 500 characters. */
    public Optional<String> optionalReason(String field) {
        return optionalText(field, MAX_REASON_LENGTH);
    }

    /** A string that is stored, so bounded: longer is a 400 naming the limit, never a database error. */
    public Optional<String> optionalText(String field, int maxLength) {
        Optional<String> text = optionalString(field);
        if (text.filter(t -> t.length() > maxLength).isPresent()) {
            throw InvalidRequest.invalid(field + " must be at most " + maxLength + " characters");
        }
        return text;
    }

    /** A JSON array of strings, if present. */
    public Optional<java.util.List<String>> optionalStrings(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof jakarta.json.JsonArray array)
                || array.stream().anyMatch(item -> !(item instanceof JsonString))) {
            throw InvalidRequest.invalid(field + " must be an array of strings");
        }
        return Optional.of(array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }

    /** A nested JSON object, read with the same rules; {@code {}} when absent. */
    public JsonRequest optionalObject(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return new JsonRequest(JsonValue.EMPTY_JSON_OBJECT);
        }
        if (!(value instanceof JsonObject object)) {
            throw InvalidRequest.invalid(field + " must be a JSON object");
        }
        return new JsonRequest(object);
    }

    /** The body as received, for fingerprinting idempotent requests. */
    public String canonical() {
        return body.toString();
    }
}
