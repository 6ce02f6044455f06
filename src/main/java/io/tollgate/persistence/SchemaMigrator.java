package io.tollgate.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
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

    @Inject
    SchemaStatus status;

    @PostConstruct
    void migrate() {
        status.migrating(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(getClass().getClassLoader()),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            .execute());
            status.migrated(SchemaStatus.countAppliedChangeSets(connection));
            LOG.info("Database schema is up to date");
        } catch (Exception e) {
            // Deliberately fatal: the deployment must fail rather than serve a schema it does not know.
            throw new IllegalStateException("Database migration failed; Tollgate will not start", e);
        }
    }
}
