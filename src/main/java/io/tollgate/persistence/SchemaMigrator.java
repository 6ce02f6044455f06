package io.tollgate.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
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
 * The data source is defined here, from MicroProfile Config ({@code tollgate.db.*}, or the environment variables
 * {@code TOLLGATE_DB_URL}, {@code TOLLGATE_DB_USER}, {@code TOLLGATE_DB_PASSWORD}).
 */
@DataSourceDefinition(
        name = SchemaMigrator.DATA_SOURCE,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=tollgate.db.url}",
        user = "${MPCONFIG=tollgate.db.user}",
        password = "${MPCONFIG=tollgate.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=meta-data"
        })
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    public static final String DATA_SOURCE = "java:app/jdbc/tollgate";
    static final String CHANGELOG = "liquibase/changelog.xml";
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    private volatile boolean migrated;

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
            migrated = true;
            LOG.info("Database schema is up to date");
        } catch (Exception e) {
            // Deliberately fatal: the deployment must fail rather than serve a schema it does not know.
            throw new IllegalStateException("Database migration failed; Tollgate will not start", e);
        }
    }

    public boolean isMigrated() {
        return migrated;
    }

    /** True when the database answers within the timeout. */
    public boolean isDatabaseReachable(int timeoutSeconds) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(timeoutSeconds);
        } catch (SQLException e) {
            return false;
        }
    }
}
