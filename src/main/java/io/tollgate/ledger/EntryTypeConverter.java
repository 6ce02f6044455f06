package io.tollgate.ledger;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class EntryTypeConverter implements AttributeConverter<EntryType, String> {

    @Override
    public String convertToDatabaseColumn(EntryType type) {
        return type == null ? null : type.code();
    }

    @Override
    public EntryType convertToEntityAttribute(String code) {
        return code == null ? null : EntryType.fromCode(code);
    }
}
