/**
 * One token-bucket rate limiter for every limited endpoint, per instance or shared through the cluster's grid.
 */
package io.tollgate.ratelimit;
