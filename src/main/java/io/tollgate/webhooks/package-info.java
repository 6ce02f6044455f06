/**
 * Payments that credit accounts: signed payment webhooks and Pluct's shared-secret webhook; refused payments
 * kept for admins.
 */
package io.tollgate.webhooks;
