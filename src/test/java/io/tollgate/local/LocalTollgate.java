package io.tollgate.local;

import fish.payara.micro.PayaraMicro;
import io.tollgate.testing.Database;
import io.tollgate.testing.PayaraSettings;
import io.tollgate.testing.TokenMinter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The README's run command ({@code mvn -Prun}): Tollgate on Payara Micro at http://localhost:8080 with a
 * PostgreSQL whose data survive restarts (in {@code .tollgate/postgres}), unless {@code TOLLGATE_DB_URL} names
 * one. Prints ready-to-paste tokens; Ctrl-C stops everything it started. Lives with the tests, never in the WAR.
 */
public final class LocalTollgate {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

    private LocalTollgate() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("tollgate.local.dir", ".tollgate")).toAbsolutePath();
        Path war = Path.of(System.getProperty("tollgate.war", "target/tollgate.war")).toAbsolutePath();
        int port = Integer.parseInt(System.getenv().getOrDefault("TOLLGATE_PORT", "8080"));
        Files.createDirectories(dir);

        LocalSecrets secrets = LocalSecrets.loadOrCreate(dir.resolve("secrets.properties"));
        Database database = Database.start(dir.resolve("postgres"), true);
        Path settings = PayaraSettings.forStack(database, secrets.tokens(), secrets.adminSecret(),
                        secrets.masterKey(), "local")
                .writeTo(dir.resolve("payara.properties"));
        Path loopback = PayaraSettings.loopbackOnly(dir.resolve("loopback.asadmin"));

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", payaraMicroJar().toString(),
                "--nohazelcast", "--port", Integer.toString(port), "--contextroot", "/",
                "--systemproperties", settings.toString(),
                "--prebootcommandfile", loopback.toString(),
                "--rootdir", PayaraSettings.freshRoot(dir.resolve("payara-root")).toString(),
                "--deploy", war.toString()));
        Process payara = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("payara.log").toFile()).start();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Tollgate and its PostgreSQL...");
            payara.destroy();
            try {
                if (!payara.waitFor(30, TimeUnit.SECONDS)) {
                    payara.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            database.close();
        }));

        String base = "http://localhost:" + port;
        System.out.println("Starting Tollgate on Payara Micro (log: " + dir.resolve("payara.log") + ") ...");
        awaitReady(base, payara);
        printBanner(base, database, secrets, dir);
        int exit = payara.waitFor();
        System.out.println("Payara Micro exited with " + exit + "; see " + dir.resolve("payara.log"));
    }

    private static Path payaraMicroJar() throws Exception {
        return Path.of(PayaraMicro.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Payara prints "ready" even when the WAR failed to deploy, so readiness is asked of the application. */
    private static void awaitReady(String base, Process payara) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!payara.isAlive()) {
                throw new IllegalStateException("Payara Micro stopped during start-up; see its log");
            }
            if (answers(client, base + "/health/ready") && answers(client, base + "/")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Tollgate was not ready after " + STARTUP_TIMEOUT + "; see its log");
    }

    private static boolean answers(HttpClient client, String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void printBanner(String base, Database database, LocalSecrets secrets, Path dir) {
        TokenMinter tokens = secrets.tokens();
        String admin = tokens.es256(TokenMinter.claims("local-admin", Duration.ofDays(30))
                .claim("groups", List.of("admin")).build());
        String user = tokens.es256(TokenMinter.claims("demo-user", Duration.ofDays(30)).build());
        System.out.printf("""

                Tollgate is running at %1$s  (Ctrl-C stops it and its database)
                  database:  %2$s%3$s
                  settings:  %4$s

                Paste these to try it:
                  export ADMIN_TOKEN=%5$s
                  export USER_TOKEN=%6$s

                  curl -s %1$s/user/demo-user/balance -H "Authorization: Bearer $USER_TOKEN"
                  curl -s -X POST %1$s/admin/credits/add -H "Authorization: Bearer $ADMIN_TOKEN" \\
                       -H 'Content-Type: application/json' -H 'Idempotency-Key: first-top-up' \\
                       -d '{"userId":"demo-user","amount":5,"reason":"welcome"}'
                  curl -s -X POST %1$s/vend-token -H "Authorization: Bearer $USER_TOKEN"
                  curl -s %1$s/user/demo-user/transactions -H "Authorization: Bearer $USER_TOKEN"

                The admin secret (Pluct's 'Authorization: Bearer <ADMIN_SECRET>') is in %7$s.
                %n""", base, database.url(), database.isEmbedded() ? " (embedded, data in " + dir.resolve("postgres") + ")" : "",
                dir.resolve("payara.properties"), admin, user, dir.resolve("secrets.properties"));
    }

    /** Keys and secrets of the local run, kept across restarts so tokens printed earlier stay valid. */
    record LocalSecrets(TokenMinter tokens, String adminSecret, String masterKey) {

        /** Reads the secrets kept by earlier runs, adding any that a newer version needs. */
        static LocalSecrets loadOrCreate(Path file) {
            try {
                Properties props = new Properties();
                if (Files.exists(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        props.load(in);
                    }
                }
                int known = props.size();
                if (!props.containsKey("user-token-signing-key")) {
                    TokenMinter fresh = TokenMinter.generate();
                    props.setProperty("user-token-signing-key", fresh.signingKeyJson());
                    props.setProperty("hs256-secret", fresh.hs256Secret());
                }
                props.putIfAbsent("admin-secret", TokenMinter.randomSecret());
                props.putIfAbsent("master-key", TokenMinter.randomMasterKey());
                if (props.size() != known) {
                    Files.deleteIfExists(file);
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    try (OutputStream out = Files.newOutputStream(file)) {
                        props.store(out, "Local run only: admin secret, HS256 secret, master key, and the key that"
                                + " signs local user tokens");
                    }
                }
                return new LocalSecrets(TokenMinter.restore(props.getProperty("user-token-signing-key"),
                        props.getProperty("hs256-secret")), props.getProperty("admin-secret"),
                        props.getProperty("master-key"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
