package io.tollgate.persistence;

import jakarta.persistence.EntityManager;

/**
 * One holder at a time across every instance: a PostgreSQL transaction-level advisory lock, released when the
 * transaction ends (also when an instance dies mid-run). For jobs that every instance schedules.
 */
public final class ClusterLock {

    private ClusterLock() {
    }

    /** True when this transaction now holds the lock {@code key}; false when another one does. Never waits. */
    public static boolean tryForTransaction(EntityManager em, long key) {
        return (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, key)
                .getSingleResult();
    }
}
