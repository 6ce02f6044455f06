package io.tollgate.local;

import io.tollgate.openrouter.FakeOpenRouter;
import io.tollgate.testing.Database;
import io.tollgate.testing.PayaraProcess;
import io.tollgate.testing.PayaraSettings;
import io.tollgate.testing.TokenMinter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

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
        PayaraSettings settings = PayaraSettings.forStack(database, secrets.tokens(), secrets.adminSecret(),
                secrets.masterKey(), "local");
        // The console's local admin "admin" signs in with the admin secret: one secret less to keep for a local run.
        settings.set("tollgate.console.admins", "admin:" + io.tollgate.testing.ConsolePasswords.hash(secrets.adminSecret()));
        Optional<FakeOpenRouter> fakeOpenRouter = openRouter(settings);
        Path settingsFile = settings.writeTo(dir.resolve("payara.properties"));
        PayaraProcess payara = PayaraProcess.launch(war, dir, port, List.of("-Xmx1g"),
                List.of("--systemproperties", settingsFile.toString()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Tollgate and its PostgreSQL...");
            payara.close();
            fakeOpenRouter.ifPresent(FakeOpenRouter::close);
            database.close();
        }));

        String base = "http://localhost:" + port;
        System.out.println("Starting Tollgate on Payara Micro (log: " + payara.log() + ") ...");
        payara.awaitAnswer("/health/ready", 200, STARTUP_TIMEOUT);
        payara.awaitAnswer("/", 200, STARTUP_TIMEOUT);
        printBanner(base, database, secrets, dir);
        fakeOpenRouter.ifPresent(fake -> System.out.printf("""
                OpenRouter is the local stand-in at %1$s (TOLLGATE_OPENROUTER_BASE_URL and
                TOLLGATE_OPENROUTER_MANAGEMENT_KEY use the real one). Get a key, spend on it, see credits fall:
                  KEY=$(curl -s -X POST %2$s/api/key -H "Authorization: Bearer $USER_TOKEN" | sed 's/.*"key":"\\([^"]*\\)".*/\\1/')
                  curl -s -X POST %3$s -d "{\\"key\\":\\"$KEY\\",\\"usd\\":0.25}"
                  sleep 5; curl -s -X POST %2$s/api/key -H "Authorization: Bearer $USER_TOKEN"
                %n""", fake.baseUrl(), base, fake.baseUrl().resolve("/_fake/usage")));
        int exit = payara.waitFor();
        System.out.println("Payara Micro exited with " + exit + "; see " + payara.log());
    }

    /** The real OpenRouter when both of its settings are given, else the local stand-in. */
    private static Optional<FakeOpenRouter> openRouter(PayaraSettings settings) {
        String baseUrl = System.getenv("TOLLGATE_OPENROUTER_BASE_URL");
        String managementKey = System.getenv("TOLLGATE_OPENROUTER_MANAGEMENT_KEY");
        if (baseUrl != null && managementKey != null) {
            return Optional.empty();
        }
        String localKey = "local-management-" + TokenMinter.randomSecret();
        FakeOpenRouter fake = FakeOpenRouter.start(localKey, 0);
        settings.set("tollgate.openrouter.base-url", fake.baseUrl().toString())
                .set("tollgate.openrouter.management-key", localKey)
                .set("tollgate.llm.staleness", "PT5S");
        return Optional.of(fake);
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
                The admin console is at %1$s/console/ : sign in as "admin" with that admin secret.
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
