package io.tollgate.security;

/** Fired once per request in which a user identity is first used, so the user's account can be opened. */
public record UserAuthenticated(Identity identity) {
}
