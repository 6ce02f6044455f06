package io.tollgate.llmkeys;

import io.tollgate.persistence.LowercaseEnums;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class LlmKeyStateConverter implements AttributeConverter<LlmKeyState, String> {

    @Override
    public String convertToDatabaseColumn(LlmKeyState value) {
        return LowercaseEnums.code(value);
    }

    @Override
    public LlmKeyState convertToEntityAttribute(String code) {
        return LowercaseEnums.parse(LlmKeyState.class, code);
    }
}
