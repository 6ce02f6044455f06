/**
 * <code>GET /</code>: what this service is, its version and its endpoints.
 */
package io.tollgate.about;
