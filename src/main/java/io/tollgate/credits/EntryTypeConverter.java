package io.tollgate.credits;

import io.tollgate.persistence.LowercaseEnums;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class EntryTypeConverter implements AttributeConverter<EntryType, String> {

    @Override
    public String convertToDatabaseColumn(EntryType value) {
        return LowercaseEnums.code(value);
    }

    @Override
    public EntryType convertToEntityAttribute(String code) {
        return LowercaseEnums.parse(EntryType.class, code);
    }
}
