package io.tollgate.security;

import io.tollgate.problem.ProblemException;

/**
 * Why presented credentials were refused, kept on the request so that a protected endpoint answers with it.
 * Bad bearer tokens are 401; a bad partner API key is 403, as Pluct answered; a database outage while looking
 * the key up is a 503 (left to the container, it would be an empty 500).
 */
record AuthenticationFailure(ProblemException problem) {
    static final String ATTRIBUTE = AuthenticationFailure.class.getName();
}
