/**
 * Where a capability's refusal or an unexpected failure becomes an HTTP answer: the one refusal table
 * ({@link io.tollgate.edge.RefusalTable}) and the exception mappers. Nothing depends on it.
 */
package io.tollgate.edge;
