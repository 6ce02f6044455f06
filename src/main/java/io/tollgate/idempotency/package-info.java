/**
 * The at-most-once store behind the command boundary: one row per key, replayed to retries.
 */
package io.tollgate.idempotency;
