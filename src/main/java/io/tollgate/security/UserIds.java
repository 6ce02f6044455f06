package io.tollgate.security;

import io.tollgate.refusal.InvalidRequest;
import java.util.regex.Pattern;

/** The one rule for user ids: 1–128 letters, digits and {@code ._-@:|}. The database checks the same. */
public final class UserIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@:|-]{1,128}");

    private UserIds() {
    }

    public static boolean isValid(String userId) {
        return userId != null && VALID.matcher(userId).matches();
    }

    public static String require(String userId) {
        if (!isValid(userId)) {
            throw InvalidRequest.invalid(
                    "userId must be 1 to 128 characters from letters, digits and . _ - @ : |");
        }
        return userId;
    }
}
