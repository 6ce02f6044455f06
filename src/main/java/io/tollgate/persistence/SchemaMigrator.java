package io.tollgate.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Brings the schema up to date with Liquibase before the application takes requests. A failed migration throws
 * from {@link #migrate()}, which fails the deployment: the service never starts on a half-migrated schema.
 * Several instances starting at once queue on Liquibase's lock table.
 * <p>
 * The data source is the server's ({@value #DATA_SOURCE}): each server's script in {@code server-config/} creates
 * it, with the PostgreSQL driver, so the WAR is the same on every server.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // its one field is volatile; health probes must not queue
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    public static final String DATA_SOURCE = "jdbc/tollgate";
    static final String CHANGELOG = "liquibase/changelog.xml";
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    /**
     * The server's data source: a global name on Payara; on WildFly a relative lookup name means the component's
     * java:comp/env, where jboss-web.xml binds it to java:/jdbc/tollgate.
     */
    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    /** How many changesets the schema had once migrated; a database with fewer is not the one this WAR knows. */
    private volatile long appliedChangeSets = -1;

    @PostConstruct
    void migrate() {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(getClass().getClassLoader()),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            .execute());
            appliedChangeSets = countAppliedChangeSets(connection);
            LOG.info("Database schema is up to date");
        } catch (Exception e) {
            // Deliberately fatal: the deployment must fail rather than serve a schema it does not know.
            throw new IllegalStateException("Database migration failed; Tollgate will not start", e);
        }
    }

    /** True once the migration has run at startup. */
    public boolean isMigrated() {
        return appliedChangeSets >= 0;
    }

    /**
     * Asks the database now: empty when it does not answer within the timeout, else whether it still holds every
     * changeset this WAR applied (a database restored from an older backup, or replaced, does not).
     */
    public Optional<Boolean> isSchemaCurrent(int timeoutSeconds) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(timeoutSeconds)) {
                return Optional.empty();
            }
            return Optional.of(isMigrated() && countAppliedChangeSets(connection) >= appliedChangeSets);
        } catch (SQLException e) {
            return e.getSQLState() != null && e.getSQLState().equals("42P01") // no changelog table: never migrated
                    ? Optional.of(false) : Optional.empty();
        }
    }

    private static long countAppliedChangeSets(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM databasechangelog")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
