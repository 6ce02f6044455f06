package io.tollgate.accounts;

public enum AccountStatus {
    ACTIVE, BLOCKED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
