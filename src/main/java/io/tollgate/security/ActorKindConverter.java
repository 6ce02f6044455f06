package io.tollgate.security;

import io.tollgate.persistence.LowercaseEnums;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Named on {@link Actor}'s field: an embeddable's attribute gets its converter explicitly, not by auto-apply. */
@Converter
public class ActorKindConverter implements AttributeConverter<Actor.Kind, String> {

    @Override
    public String convertToDatabaseColumn(Actor.Kind value) {
        return LowercaseEnums.code(value);
    }

    @Override
    public Actor.Kind convertToEntityAttribute(String code) {
        return LowercaseEnums.parse(Actor.Kind.class, code);
    }
}
