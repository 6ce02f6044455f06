package io.tollgate.bench;

import io.tollgate.testing.Database;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The database's own ceiling for one vend: N clients on N connections, each on its own account, issuing exactly the
 * statements Tollgate issues for {@code POST /vend-token} (EclipseLink's, in its order: lock the account, update it,
 * insert the spend entry, read its identity, insert the issued token, commit), as fast as PostgreSQL answers. Also on
 * a copy of the ledger partitioned by account hash ({@code docs/scaling.md}), and with pgbench where installed.
 */
final class VendSqlCeiling {

    static final int PARTITIONS = 8;
    private static final BigDecimal COST = new BigDecimal("1");

    private final Database database;
    private final int clients;

    VendSqlCeiling(Database database, int clients) {
        this.database = database;
        this.clients = clients;
    }

    /** The tables a vend writes to, or their hash-partitioned copies. */
    enum Ledger {
        PLAIN("ledger_entry", "issued_token"),
        HASH_PARTITIONED("ledger_entry_by_account", "issued_token_by_account");

        final String entries;
        final String tokens;

        Ledger(String entries, String tokens) {
            this.entries = entries;
            this.tokens = tokens;
        }
    }

    /** Vends through raw JDBC on {@code ledger} for {@code time}, unmeasured: warms the JIT and PostgreSQL's caches. */
    void warmUp(Ledger ledger, String[] accounts, Duration time) throws Exception {
        drive(ledger, accounts, time);
    }

    /** Vends per second through raw JDBC on {@code ledger}, for {@code time}. */
    double measure(Ledger ledger, String[] accounts, Duration time) throws Exception {
        return drive(ledger, accounts, time) / (time.toNanos() / 1e9);
    }

    private long drive(Ledger ledger, String[] accounts, Duration time) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + time.toNanos();
        List<Future<Long>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String account = accounts[c];
            done.add(pool.submit(() -> {
                try (Connection db = connect()) {
                    db.setAutoCommit(false);
                    VendStatements vend = new VendStatements(db, ledger);
                    long n = 0;
                    while (System.nanoTime() < end) {
                        vend.run(account);
                        n++;
                    }
                    return n;
                }
            }));
        }
        long total = 0;
        for (Future<Long> client : done) {
            total += client.get();
        }
        pool.shutdown();
        return total;
    }

    /** One vend's statements, prepared once per connection (as the pool's statement cache would keep them). */
    private static final class VendStatements {
        private final Connection db;
        private final PreparedStatement lock;
        private final PreparedStatement update;
        private final PreparedStatement entry;
        private final PreparedStatement identity;
        private final PreparedStatement token;

        VendStatements(Connection db, Ledger ledger) throws SQLException {
            this.db = db;
            lock = db.prepareStatement("SELECT * FROM account WHERE user_id = ? FOR UPDATE");
            update = db.prepareStatement("UPDATE account SET balance = ?, updated_at = ? WHERE (user_id = ?)");
            entry = db.prepareStatement("INSERT INTO " + ledger.entries + " (account_id, actor_id, actor_type, amount,"
                    + " balance_after, created_at, held_after, held_change, hold_id, idempotency_key, owed_after,"
                    + " owed_change, reason, request_id, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            identity = db.prepareStatement("SELECT lastval()");
            token = db.prepareStatement("INSERT INTO " + ledger.tokens + " (jti, account_id, expires_at, issued_at, kid,"
                    + " ledger_entry_id, revoked_at, revoked_by, scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }

        void run(String account) throws SQLException {
            BigDecimal balance;
            BigDecimal held;
            BigDecimal owed;
            lock.setString(1, account);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                balance = row.getBigDecimal("balance").subtract(COST);
                held = row.getBigDecimal("held");
                owed = row.getBigDecimal("owed");
            }
            Timestamp now = Timestamp.from(Instant.now());
            update.setBigDecimal(1, balance);
            update.setTimestamp(2, now);
            update.setString(3, account);
            update.executeUpdate();
            entry.setString(1, account);
            entry.setString(2, account);
            entry.setString(3, "user");
            entry.setBigDecimal(4, COST.negate());
            entry.setBigDecimal(5, balance);
            entry.setTimestamp(6, now);
            entry.setBigDecimal(7, held);
            entry.setBigDecimal(8, BigDecimal.ZERO);
            entry.setNull(9, java.sql.Types.BIGINT);
            entry.setNull(10, java.sql.Types.VARCHAR);
            entry.setBigDecimal(11, owed);
            entry.setBigDecimal(12, BigDecimal.ZERO);
            entry.setString(13, "Access token (access)");
            entry.setString(14, UUID.randomUUID().toString());
            entry.setString(15, "spend");
            entry.executeUpdate();
            long entryId;
            try (ResultSet id = identity.executeQuery()) {
                id.next();
                entryId = id.getLong(1);
            }
            token.setString(1, UUID.randomUUID().toString());
            token.setString(2, account);
            token.setTimestamp(3, Timestamp.from(now.toInstant().plusSeconds(900)));
            token.setTimestamp(4, now);
            token.setString(5, "bench-kid");
            token.setLong(6, entryId);
            token.setNull(7, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            token.setNull(8, java.sql.Types.VARCHAR);
            token.setString(9, "access");
            token.executeUpdate();
            db.commit();
        }
    }

    /**
     * Copies of the ledger and the issued tokens partitioned by account hash, as they would have to be declared:
     * every unique key (and so every foreign key to an entry) includes the account, the partition key.
     */
    void createHashPartitionedLedger() throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE ledger_entry_by_account (LIKE ledger_entry INCLUDING DEFAULTS INCLUDING IDENTITY"
                    + " INCLUDING CONSTRAINTS) PARTITION BY HASH (account_id)");
            for (int i = 0; i < PARTITIONS; i++) {
                sql.execute("CREATE TABLE ledger_entry_by_account_" + i + " PARTITION OF ledger_entry_by_account"
                        + " FOR VALUES WITH (MODULUS " + PARTITIONS + ", REMAINDER " + i + ")");
            }
            sql.execute("ALTER TABLE ledger_entry_by_account ADD PRIMARY KEY (account_id, id),"
                    + " ADD FOREIGN KEY (account_id) REFERENCES account (user_id),"
                    + " ADD FOREIGN KEY (hold_id) REFERENCES credit_hold (id)");
            sql.execute("CREATE INDEX ON ledger_entry_by_account (account_id, id DESC)");
            sql.execute("CREATE INDEX ON ledger_entry_by_account (type, id DESC)");
            sql.execute("CREATE INDEX ON ledger_entry_by_account (hold_id) WHERE hold_id IS NOT NULL");
            sql.execute("CREATE INDEX ON ledger_entry_by_account USING brin (created_at)");
            sql.execute("CREATE TRIGGER ledger_entry_by_account_append_only BEFORE UPDATE OR DELETE"
                    + " ON ledger_entry_by_account FOR EACH ROW EXECUTE FUNCTION ledger_entry_refuse_change()");
            sql.execute("CREATE TABLE issued_token_by_account (LIKE issued_token INCLUDING ALL)");
            sql.execute("ALTER TABLE issued_token_by_account ADD FOREIGN KEY (account_id) REFERENCES account (user_id),"
                    + " ADD FOREIGN KEY (account_id, ledger_entry_id) REFERENCES ledger_entry_by_account (account_id, id)");
        }
    }

    /** pgbench's figure for the same statements, if pgbench is installed; its version and transactions/s. */
    Optional<String> pgbench(Duration time) throws IOException, InterruptedException {
        Optional<Path> pgbench = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "pgbench")).filter(Files::isExecutable).findFirst()
                .or(() -> installedPgbench());
        if (pgbench.isEmpty()) {
            return Optional.empty();
        }
        Path script = Files.createTempFile("vend", ".sql");
        // client_id is 0..clients-1; each client on its own account, as in the raw-JDBC loop
        String account = "('bench-user-' || :client_id)"; // each client on its own account, as in the JDBC loop
        Files.writeString(script, """
                BEGIN;
                SELECT user_id, balance, held, owed FROM account WHERE user_id = ACCOUNT FOR UPDATE;
                UPDATE account SET balance = balance - 1, updated_at = now() WHERE user_id = ACCOUNT;
                INSERT INTO ledger_entry (account_id, actor_id, actor_type, amount, balance_after, created_at,
                  held_after, held_change, owed_after, owed_change, reason, request_id, type)
                  SELECT user_id, user_id, 'user', -1, balance, now(), held, 0, owed, 0, 'Access token (access)',
                  gen_random_uuid()::text, 'spend' FROM account WHERE user_id = ACCOUNT;
                SELECT lastval();
                INSERT INTO issued_token (jti, account_id, expires_at, issued_at, kid, ledger_entry_id, scope)
                  VALUES (gen_random_uuid()::text, ACCOUNT, now() + interval '15 minutes', now(), 'bench-kid',
                  lastval(), 'access');
                END;
                """.replace("ACCOUNT", account));
        Matcher url = Pattern.compile("//([^:/]+):(\\d+)/([^?]+)").matcher(database.url());
        if (!url.find()) {
            return Optional.empty();
        }
        ProcessBuilder command = new ProcessBuilder(pgbench.get().toString(), "-n", "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T", Long.toString(time.toSeconds()), "-f", script.toString(), "-h", url.group(1), "-p", url.group(2),
                "-U", database.user(), url.group(3)).redirectErrorStream(true);
        command.environment().put("PGPASSWORD", database.password());
        Process run = command.start();
        String out = new String(run.getInputStream().readAllBytes());
        run.waitFor();
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        Process version = new ProcessBuilder(pgbench.get().toString(), "--version").start();
        String name = new String(version.getInputStream().readAllBytes()).trim();
        return tps.find() ? Optional.of(name + ": " + tps.group(1)) : Optional.of(name + " failed: " + out.lines()
                .reduce((first, last) -> last).orElse(""));
    }

    private static Optional<Path> installedPgbench() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(dir -> dir.resolve("bin/pgbench")).filter(Files::isExecutable)
                    .max(Path::compareTo);
        } catch (IOException none) {
            return Optional.empty();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }
}
