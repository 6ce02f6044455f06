/**
 * One account per user: balance, holds and debt, and the append-only ledger of every movement. The only code that
 * locks an account ({@link io.tollgate.credits.CreditService#lock}) or changes its amounts; what admins do to
 * accounts; the ledger's audit.
 */
package io.tollgate.credits;
