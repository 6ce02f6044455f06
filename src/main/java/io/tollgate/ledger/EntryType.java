package io.tollgate.ledger;

/** Why a balance changed. The names are the seeds' transaction types, as stored and as answered. */
public enum EntryType {
    USER_CREATION,
    ADMIN_ADD,
    ADD_WEBHOOK,
    API_ADD,
    SPEND,
    LLM_USAGE,
    RESET,
    ADJUSTMENT;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static EntryType fromCode(String code) {
        for (EntryType type : values()) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException(code);
    }

    /** A debit the user makes to buy something: refused while the account is blocked. */
    public boolean isPurchase() {
        return this == SPEND;
    }

    /** Entries that count as the user spending credits (Pluct's {@code total_spent}). */
    public boolean isSpending() {
        return this == SPEND || this == LLM_USAGE;
    }
}
