package io.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class OutagesTest {

    /** As EclipseLink and the EJB container wrap a driver's failure. */
    private static RuntimeException wrapped(Throwable driverFailure) {
        return new jakarta.ejb.EJBException(new PersistenceException("Exception [EclipseLink-4002]", driverFailure));
    }

    @Test
    void aRefusedOrLostConnectionIsAnOutage() {
        assertTrue(Outages.isOutage(wrapped(new SQLException("Connection refused", "08001"))));
        assertTrue(Outages.isOutage(wrapped(new SQLException("An I/O error occurred", "08006"))));
    }

    @Test
    void aServerShuttingDownOrOutOfConnectionsOrATimeoutIsAnOutage() {
        assertTrue(Outages.isOutage(wrapped(new SQLException("terminating connection", "57P01"))));
        assertTrue(Outages.isOutage(wrapped(new SQLException("too many clients", "53300"))));
        assertTrue(Outages.isOutage(wrapped(new SQLException("canceling statement due to statement timeout", "57014"))));
        assertTrue(Outages.isOutage(wrapped(new jakarta.persistence.QueryTimeoutException("timeout"))));
    }

    @Test
    void aConnectionThatDiedInsideATransactionIsAnOutage() {
        assertTrue(Outages.isOutage(wrapped(new jakarta.resource.spi.LocalTransactionException(
                "This connection has been closed."))));
        assertTrue(Outages.isOutage(wrapped(new java.sql.SQLClientInfoException("This connection has been closed.",
                java.util.Map.of()))));
    }

    @Test
    void theRequestsOwnFaultsAreNot() {
        assertFalse(Outages.isOutage(wrapped(new SQLException("violates check constraint", "23514"))));
        assertFalse(Outages.isOutage(wrapped(new SQLException("value too long", "22001"))));
        assertFalse(Outages.isOutage(new IllegalStateException("a bug")));
        assertFalse(Outages.isOutage(wrapped(new SQLException("no state"))));
    }
}
