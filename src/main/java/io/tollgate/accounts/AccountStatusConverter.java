package io.tollgate.accounts;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

@Converter(autoApply = true)
public class AccountStatusConverter implements AttributeConverter<AccountStatus, String> {

    @Override
    public String convertToDatabaseColumn(AccountStatus status) {
        return status == null ? null : status.code();
    }

    @Override
    public AccountStatus convertToEntityAttribute(String code) {
        return code == null ? null : AccountStatus.valueOf(code.toUpperCase(Locale.ROOT));
    }
}
