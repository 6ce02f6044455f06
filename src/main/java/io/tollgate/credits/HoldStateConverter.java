package io.tollgate.credits;

import io.tollgate.persistence.LowercaseEnums;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class HoldStateConverter implements AttributeConverter<HoldState, String> {

    @Override
    public String convertToDatabaseColumn(HoldState value) {
        return LowercaseEnums.code(value);
    }

    @Override
    public HoldState convertToEntityAttribute(String code) {
        return LowercaseEnums.parse(HoldState.class, code);
    }
}
