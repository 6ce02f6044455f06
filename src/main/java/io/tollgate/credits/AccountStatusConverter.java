package io.tollgate.credits;

import io.tollgate.persistence.LowercaseEnums;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class AccountStatusConverter implements AttributeConverter<AccountStatus, String> {

    @Override
    public String convertToDatabaseColumn(AccountStatus value) {
        return LowercaseEnums.code(value);
    }

    @Override
    public AccountStatus convertToEntityAttribute(String code) {
        return LowercaseEnums.parse(AccountStatus.class, code);
    }
}
