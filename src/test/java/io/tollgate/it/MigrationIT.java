package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tollgate.testing.Database;
import io.tollgate.testing.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
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

    /** Change 011 moves at-most-once for payments into the idempotency store: nothing credited may be credited again. */
    @Test
    void creditedPaymentEventsMoveIntoTheIdempotencyStoreKeptForever() throws Exception {
        migrate(changesetsBefore("011-"));
        try (Connection db = connect(url); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO account (user_id, status, balance, created_at, updated_at)"
                    + " VALUES ('payer', 'active', 3, now(), now())");
            sql.execute("INSERT INTO ledger_entry (id, account_id, type, amount, balance_after, actor_type, actor_id,"
                    + " created_at) VALUES (7, 'payer', 'add_webhook', 3, 3, 'webhook', 'evt-1', now())");
            sql.execute("INSERT INTO payment_event (event_id, account_id, fingerprint, amount_paid, currency,"
                    + " ledger_entry_id, response_body, received_at) VALUES ('evt-1', 'payer', '" + "ab".repeat(32)
                    + "', 3, 'USD', 7, '{\"success\":true}', now())");
        }
        migrate();
        try (Connection db = connect(url); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT fingerprint, response_status, response_body, expires_at"
                     + " FROM idempotency_record WHERE scope = 'payment-event' AND idempotency_key = 'evt-1'")) {
            assertTrue(rs.next(), "the credited event's key is in the store");
            assertEquals("ab".repeat(32), rs.getString(1));
            assertEquals(200, rs.getInt(2));
            assertEquals("{\"success\":true}", rs.getString(3));
            assertEquals(null, rs.getObject(4), "kept forever");
        }
        try (Connection db = connect(url); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT amount_paid, currency, ledger_entry_id FROM payment_event")) {
            assertTrue(rs.next(), "what was paid stays");
            assertEquals(0, rs.getBigDecimal(1).compareTo(java.math.BigDecimal.valueOf(3)));
            assertEquals("USD", rs.getString(2));
            assertEquals(7, rs.getLong(3));
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

    /** Applies only the first {@code count} changesets: the schema as an older release left it. */
    private void migrate(int count) throws Exception {
        try (Connection db = connect(url)) {
            liquibase.database.Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(db));
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(Path.of(".")),
                    () -> new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, "liquibase/changelog.xml")
                            .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count)
                            .execute());
        }
    }

    /** How many changesets the files before {@code firstFile} hold (the changelog includes them in name order). */
    private static int changesetsBefore(String firstFile) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("liquibase/changes"))) {
            int count = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().compareTo(firstFile) < 0).toList()) {
                count += (int) Files.readAllLines(file).stream().filter(line -> line.startsWith("--changeset")).count();
            }
            return count;
        }
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        Database server = TestEnvironment.database();
        return DriverManager.getConnection(jdbcUrl, server.user(), server.password());
    }
}
