package io.tollgate.persistence;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Recognises a failure that is the database's momentary absence, not the request's fault: a connection refused or
 * lost, a pool with no connection to give, a statement or lock wait that timed out, PostgreSQL shutting down or
 * starting. Such a request should be retried shortly, never reported as a fault.
 */
public final class Outages {

    /** SQLSTATE classes and codes: connection exceptions, insufficient resources, operator intervention. */
    private static final Set<String> TRANSIENT_STATES = Set.of("57014", "57P01", "57P02", "57P03", "55P03", "40001",
            "40P01");
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53");
    /**
     * Thrown by the servers' pools and connectors (a connection that could not be had, or died in a transaction), by
     * pgjdbc on a closed connection without a SQLSTATE, by the transaction manager when a commit cannot reach the
     * database (a retry with the same {@code Idempotency-Key} is safe), and by JPA for timeouts; matched by name, subclasses
     * included, so there is no compile-time tie to a server.
     */
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "com.sun.appserv.connectors.internal.api.PoolingException",
            "jakarta.resource.ResourceException",
            "java.sql.SQLClientInfoException",
            "jakarta.transaction.SystemException",
            "jakarta.persistence.QueryTimeoutException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.PessimisticLockException");

    private Outages() {
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (TRANSIENT_STATES.contains(sql.getSQLState())
                    || TRANSIENT_CLASSES.contains(sql.getSQLState().substring(0, Math.min(2, sql.getSQLState().length()))))) {
                return true;
            }
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (TRANSIENT_TYPES.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
