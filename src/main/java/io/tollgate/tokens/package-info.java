/**
 * Short-lived signed access tokens sold for credits: vending, validation, revocation, signing keys and the JWKS.
 */
package io.tollgate.tokens;
