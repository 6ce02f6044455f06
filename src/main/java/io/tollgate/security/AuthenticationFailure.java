package io.tollgate.security;

import io.tollgate.problem.ProblemType;

/**
 * Why presented credentials were refused, kept on the request so that a protected endpoint answers with it.
 * Bad bearer tokens are 401; a bad partner API key is 403, as Pluct answered.
 */
record AuthenticationFailure(ProblemType type, String reason) {
    static final String ATTRIBUTE = AuthenticationFailure.class.getName();
}
