/**
 * Partner API keys (hashed, scoped, capped) and the credit partners add with them.
 */
package io.tollgate.partners;
