/**
 * The ground every capability refuses on: {@link io.tollgate.refusal.Refused}, the base of each capability's own
 * refusal, and {@link io.tollgate.refusal.InvalidRequest} for requests malformed before any capability sees them.
 * Depends on nothing of Tollgate's; only the edge ({@code problem}) turns refusals into HTTP answers.
 */
package io.tollgate.refusal;
