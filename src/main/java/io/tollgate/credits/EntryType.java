package io.tollgate.credits;

import io.tollgate.persistence.LowercaseEnums;

/**
 * Why an account changed. The first eight are the seeds' transaction types, as stored and as answered; the rest
 * move holds and debt: {@code hold} reserves credits for a key, {@code llm_usage} captures a key's usage (from its
 * hold, then from available credits, the rest owed), {@code release} frees what a finished key did not use,
 * {@code debt_payment} pays what is owed from credits that arrived, {@code debt_write_off} is an admin forgiving it.
 */
public enum EntryType {
    USER_CREATION,
    ADMIN_ADD,
    ADD_WEBHOOK,
    API_ADD,
    SPEND,
    LLM_USAGE,
    RESET,
    ADJUSTMENT,
    HOLD,
    RELEASE,
    DEBT_PAYMENT,
    DEBT_WRITE_OFF;

    public String code() {
        return LowercaseEnums.code(this);
    }

    public static EntryType fromCode(String code) {
        for (EntryType type : values()) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException(code);
    }

}
