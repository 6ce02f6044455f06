package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tollgate.testing.Database;
import io.tollgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The changelogs in {@code liquibase/} applied to a brand-new, empty database from the command line's point of
 * view (the files on disk, not the WAR), and what the resulting schema refuses by itself.
 */
class MigrationIT {

    private String url;

    @BeforeEach
    void emptyDatabase() throws SQLException {
        Database server = TestEnvironment.database();
        assumeTrue(server.isEmbedded(), "creates databases, so only against the embedded server");
        String name = "migration_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = connect(server.url()); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        }
        url = server.urlOf(name);
    }

    @Test
    void theChangelogsBuildTheSchemaOnAnEmptyDatabaseAndRerunAsANoOp() throws Exception {
        migrate();
        try (Connection db = connect(url); Statement sql = db.createStatement()) {
            assertEquals(countChangesets(sql), countChangesets(sql));
            int applied = countChangesets(sql);
            assertTrue(applied >= 4, "changesets applied: " + applied);
            for (String table : new String[] {"account", "ledger_entry", "idempotency_record"}) {
                try (ResultSet rs = sql.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
                    rs.next();
                    assertTrue(rs.getBoolean(1), table + " exists");
                }
            }
            migrate();
            assertEquals(applied, countChangesets(sql), "a second run applies nothing");
        }
    }

    @Test
    void theDatabaseRefusesToRewriteTheLedgerOrGoNegative() throws Exception {
        migrate();
        try (Connection db = connect(url); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO account (user_id, status, balance, created_at, updated_at)"
                    + " VALUES ('alice', 'active', 5, now(), now())");
            sql.execute("INSERT INTO ledger_entry (account_id, type, amount, balance_after, actor_type, actor_id,"
                    + " created_at) VALUES ('alice', 'admin_add', 5, 5, 'admin', 'ops', now())");

            assertRefused(sql, "UPDATE ledger_entry SET amount = 500", "append-only");
            assertRefused(sql, "DELETE FROM ledger_entry", "append-only");
            assertRefused(sql, "TRUNCATE ledger_entry CASCADE", "append-only");
            assertRefused(sql, "UPDATE account SET balance = -0.000000000000000001", "account_balance_check");
            assertRefused(sql, "INSERT INTO ledger_entry (account_id, type, amount, balance_after, actor_type,"
                    + " actor_id, created_at) VALUES ('alice', 'spend', -6, -1, 'user', 'alice', now())",
                    "ledger_entry_balance_after_check");
            assertRefused(sql, "INSERT INTO account (user_id, status, balance, created_at, updated_at)"
                    + " VALUES ('bad id', 'active', 0, now(), now())", "account_user_id_check");
            try (ResultSet rs = sql.executeQuery("SELECT amount FROM ledger_entry")) {
                rs.next();
                assertEquals(0, rs.getBigDecimal(1).compareTo(java.math.BigDecimal.valueOf(5)));
            }
        }
    }

    private static void assertRefused(Statement sql, String statement, String because) {
        SQLException refused = assertThrows(SQLException.class, () -> sql.execute(statement), statement);
        assertTrue(refused.getMessage().contains(because), refused.getMessage());
    }

    private static int countChangesets(Statement sql) throws SQLException {
        try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM databasechangelog")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void migrate() throws Exception {
        try (Connection db = connect(url)) {
            liquibase.database.Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(db));
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(Path.of(".")),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, "liquibase/changelog.xml")
                            .execute());
        }
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        Database server = TestEnvironment.database();
        return DriverManager.getConnection(jdbcUrl, server.user(), server.password());
    }
}
