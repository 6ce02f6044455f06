package io.tollgate.credits;

public enum AccountStatus {
    ACTIVE, BLOCKED;

    public String code() {
        return io.tollgate.persistence.LowercaseEnums.code(this);
    }
}
