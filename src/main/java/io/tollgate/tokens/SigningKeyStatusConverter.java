package io.tollgate.tokens;

import io.tollgate.persistence.LowercaseEnums;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class SigningKeyStatusConverter implements AttributeConverter<SigningKeyStatus, String> {

    @Override
    public String convertToDatabaseColumn(SigningKeyStatus value) {
        return LowercaseEnums.code(value);
    }

    @Override
    public SigningKeyStatus convertToEntityAttribute(String code) {
        return LowercaseEnums.parse(SigningKeyStatus.class, code);
    }
}
