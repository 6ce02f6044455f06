package io.tollgate.persistence;

import java.util.Locale;

/**
 * Enums are stored and answered as their lower-case names, the form the schema's CHECK constraints and the API use
 * ({@code live}, {@code debt_payment}). Each enum's {@code AttributeConverter} implements the interface directly
 * (EclipseLink does not see one that inherits it from a generic base) and delegates here.
 */
public final class LowercaseEnums {

    private LowercaseEnums() {
    }

    public static String code(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String code) {
        return code == null ? null : Enum.valueOf(type, code.toUpperCase(Locale.ROOT));
    }
}
