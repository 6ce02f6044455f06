package io.tollgate.partners;

import io.tollgate.persistence.LowercaseEnums;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class PartnerKeyStatusConverter implements AttributeConverter<PartnerKeyStatus, String> {

    @Override
    public String convertToDatabaseColumn(PartnerKeyStatus value) {
        return LowercaseEnums.code(value);
    }

    @Override
    public PartnerKeyStatus convertToEntityAttribute(String code) {
        return LowercaseEnums.parse(PartnerKeyStatus.class, code);
    }
}
