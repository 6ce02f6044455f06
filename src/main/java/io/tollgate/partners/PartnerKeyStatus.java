package io.tollgate.partners;

import io.tollgate.persistence.LowercaseEnums;

/** A partner key is accepted while {@code active}; {@code revoked} is final. */
public enum PartnerKeyStatus {
    ACTIVE, REVOKED;

    public String code() {
        return LowercaseEnums.code(this);
    }
}
