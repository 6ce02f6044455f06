/**
 * The trail of every admin action, through the console or the API, appended in the action's own transaction
 * by the command boundary, and read back by admins.
 */
package io.tollgate.audit;
