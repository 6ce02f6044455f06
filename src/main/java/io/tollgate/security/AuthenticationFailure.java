package io.tollgate.security;

/** Why presented credentials were refused; kept on the request so a protected endpoint can answer 401 with it. */
record AuthenticationFailure(String reason) {
    static final String ATTRIBUTE = AuthenticationFailure.class.getName();
}
