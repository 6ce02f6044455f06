package io.tollgate.security;

/** Presented credentials that do not authenticate anyone; the message is safe to show the client. */
class InvalidCredentialsException extends Exception {
    InvalidCredentialsException(String message) {
        super(message, null, false, false);
    }
}
