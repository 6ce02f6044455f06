/**
 * The database's ground: schema migration on deploy, health, which failures are outages, cluster-wide job
 * claims and locks, enum and time mappings.
 */
package io.tollgate.persistence;
