package io.tollgate.bench;

import io.tollgate.testing.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills the database the way years of use would, in SQL, not through the API: {@code accounts} accounts with
 * {@code entriesPerAccount} ledger entries each, every balance the sum of its entries (the ledger audit finds nothing
 * to report). Then shows the plan of every hot query, which must use an index.
 */
final class ScaleLoad {

    private final Database database;

    ScaleLoad(Database database) {
        this.database = database;
    }

    /** Loads the accounts and their entries; answers how long it took, in seconds. */
    double load(long accounts, int entriesPerAccount) throws SQLException {
        long start = System.nanoTime();
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO account (user_id, status, balance, held, owed, created_at, updated_at)"
                    + " SELECT 'scale-' || a, 'active', 1.5 * " + entriesPerAccount + ", 0, 0, now(), now()"
                    + " FROM generate_series(1, " + accounts + ") a");
            // entries in the order time would have written them: each minute, one entry for every account
            sql.execute("INSERT INTO ledger_entry (account_id, type, amount, balance_after, actor_type, actor_id,"
                    + " reason, created_at, held_change, held_after, owed_change, owed_after)"
                    + " SELECT 'scale-' || a, 'admin_add', 1.5, 1.5 * e, 'admin', 'bench', 'scale', "
                    + " now() - (" + entriesPerAccount + " - e) * interval '1 minute', 0, 0, 0, 0"
                    + " FROM generate_series(1, " + entriesPerAccount + ") e, generate_series(1, " + accounts + ") a");
            sql.execute("ANALYZE");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Each hot query's plan on the database as it is now, first line and whether an index serves it. */
    Map<String, String> plans(String user) throws SQLException {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("balance read / vend's account lock", "SELECT * FROM account WHERE user_id = '" + user + "' FOR UPDATE");
        queries.put("history, first page", "SELECT * FROM ledger_entry WHERE account_id = '" + user + "'"
                + " ORDER BY id DESC LIMIT 51");
        queries.put("history, deep cursor", "SELECT * FROM ledger_entry WHERE account_id = '" + user + "'"
                + " AND id < (SELECT min(id) + 100 FROM ledger_entry WHERE account_id = '" + user + "')"
                + " ORDER BY id DESC LIMIT 51");
        queries.put("token validation (revocation)", "SELECT * FROM issued_token WHERE jti = 'x'");
        queries.put("idempotency record", "SELECT * FROM idempotency_record WHERE scope = 'x' AND idempotency_key = 'y'");
        queries.put("live OpenRouter key of a user", "SELECT * FROM llm_key WHERE account_id = '" + user + "'"
                + " AND state = 'live'");
        Map<String, String> plans = new LinkedHashMap<>();
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            // The load leaves some tables tiny (llm_key, idempotency_record), which the planner rightly reads whole;
            // without sequential scans it shows the index that serves the query once they are not.
            sql.execute("SET enable_seqscan = off");
            for (Map.Entry<String, String> query : queries.entrySet()) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = sql.executeQuery("EXPLAIN " + query.getValue())) {
                    while (rows.next()) {
                        plan.append(rows.getString(1).trim()).append(" | ");
                    }
                }
                boolean indexed = plan.toString().contains("Index") && !plan.toString().contains("Seq Scan");
                plans.put(query.getKey(), (indexed ? "index: " : "NO INDEX: ") + plan);
            }
        }
        return plans;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }
}
