package io.tollgate.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.math.BigDecimal;

/**
 * The one JSON-B configuration of the service: answers of resources and the answers stored for idempotent replay
 * are written the same way. Credit amounts are written as exact JSON numbers without insignificant zeros
 * ({@code 10}, not {@code 10.000000000000000000}).
 */
@Provider
public class JsonMapping implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withSerializers(new ExactDecimalSerializer()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    public static String toJson(Object value) {
        return JSONB.toJson(value);
    }

    public static BigDecimal normalized(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static final class ExactDecimalSerializer implements JsonbSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
            generator.write(normalized(value));
        }
    }
}
