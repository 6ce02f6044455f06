/**
 * Request ids, metrics and liveness: what operators see. Depends on nothing of Tollgate's.
 */
package io.tollgate.observability;
