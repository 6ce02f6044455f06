/**
 * Who is calling and what they may do: the one authentication mechanism, the caller's identity and the
 * authorisation rules every boundary applies; the console's sign-in.
 */
package io.tollgate.security;
