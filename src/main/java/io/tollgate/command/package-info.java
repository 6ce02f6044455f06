/**
 * The command boundary: every state change is a {@link io.tollgate.command.Command} run by
 * {@link io.tollgate.command.Commands}, which opens its transaction and applies idempotency and the audit trail to
 * it, and answers a plain {@link io.tollgate.command.Outcome} that REST and the console render each their own way.
 */
package io.tollgate.command;
