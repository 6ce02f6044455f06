/**
 * Secrets sealed at rest under the master key (AES-256-GCM), and ES256 signatures.
 */
package io.tollgate.crypto;
