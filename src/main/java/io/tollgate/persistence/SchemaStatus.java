package io.tollgate.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What health checks know of the schema. A plain CDI bean, not the {@link SchemaMigrator} itself: the server answers
 * probes while the application is still starting, and every call to an EJB singleton waits until its
 * {@code @PostConstruct} — the migration, which may be queued on another instance's Liquibase lock — has returned.
 */
@ApplicationScoped
public class SchemaStatus {

    /** What a check that reads tables says until the migration has run: the tables may not exist yet. */
    public static final String NOT_YET = "the database schema is being migrated";

    private volatile DataSource dataSource;
    /** How many changesets the schema had once migrated; a database with fewer is not the one this WAR knows. */
    private volatile long appliedChangeSets = -1;

    void migrating(DataSource through) {
        dataSource = through;
    }

    void migrated(long changeSets) {
        appliedChangeSets = changeSets;
    }

    /** True once the migration has run at startup. */
    public boolean isMigrated() {
        return appliedChangeSets >= 0;
    }

    /**
     * Asks the database now whether it still holds every changeset this WAR applied (a database restored from an
     * older backup, or replaced, does not); false while the migration runs. Empty when the database does not answer
     * within the timeout, or before the migration has started.
     */
    public Optional<Boolean> isSchemaCurrent(int timeoutSeconds) {
        DataSource database = dataSource;
        if (database == null) {
            return Optional.empty();
        }
        try (Connection connection = database.getConnection()) {
            if (!connection.isValid(timeoutSeconds)) {
                return Optional.empty();
            }
            return Optional.of(isMigrated() && countAppliedChangeSets(connection) >= appliedChangeSets);
        } catch (SQLException e) {
            return e.getSQLState() != null && e.getSQLState().equals("42P01") // no changelog table: never migrated
                    ? Optional.of(false) : Optional.empty();
        }
    }

    static long countAppliedChangeSets(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM databasechangelog")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
