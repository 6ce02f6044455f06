package io.tollgate.security;

import java.util.Set;

/** What a partner API key may be allowed to do. */
public final class PartnerScopes {

    public static final String CREDITS_ADD = "credits:add";
    public static final String USERS_CREATE = "users:create";
    public static final String USERS_READ = "users:read";
    public static final String TOKENS_VEND = "tokens:vend";
    public static final Set<String> ALL = Set.of(CREDITS_ADD, USERS_CREATE, USERS_READ, TOKENS_VEND);
    public static final Set<String> DEFAULT = Set.of(CREDITS_ADD);

    private PartnerScopes() {
    }
}
