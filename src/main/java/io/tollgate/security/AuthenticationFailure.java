package io.tollgate.security;

/**
 * Why presented credentials were refused, kept on the request so that a protected endpoint answers with it: an
 * {@link AccessRefused} (bad bearer tokens are unauthenticated; a bad partner API key is refused as Pluct did), or
 * the database's failure while looking the key up, which the edge answers as the outage it is.
 */
record AuthenticationFailure(RuntimeException refusal) {
    static final String ATTRIBUTE = AuthenticationFailure.class.getName();
}
