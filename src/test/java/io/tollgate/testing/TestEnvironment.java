package io.tollgate.testing;

import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts what the integration tests run against, once per test JVM and before Arquillian boots its container:
 * a real PostgreSQL (embedded unless {@code TOLLGATE_DB_URL} is set), freshly generated keys and secrets, and the
 * Payara Micro options that hand them to the server under test. Only active where failsafe sets
 * {@code tollgate.it}, so unit tests start nothing.
 */
public class TestEnvironment implements LauncherSessionListener {

    private static Database database;
    private static TokenMinter tokens;
    private static String adminSecret;
    private static String masterKey;

    /** Issuer of vended tokens in the tests, and a scope short-lived enough to watch expire. */
    public static final String TOKEN_ISSUER = "https://tollgate.test";
    public static final String SCOPES = "access:1:PT15M,brief:0.5:PT2S";
    /** Small enough for a test to reach, large enough for the other tests never to. */
    public static final int VENDING_LIMIT_PER_MINUTE = 40;
    public static final String PARTNER_ROTATION_GRACE = "PT3S";
    /** Short, so tests see OpenRouter usage without waiting 30 s. */
    public static final String LLM_STALENESS = "PT1S";
    private static io.tollgate.openrouter.FakeOpenRouter openRouter;
    private static String webhookSecret;
    private static java.util.List<String> paymentSecrets;
    private static PayaraSettings settings;
    /** The console's local admin, and a password only this run knows. */
    public static final String CONSOLE_ADMIN = "ops";
    private static String consolePassword;
    private static FakeIdentityProvider identityProvider;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (Boolean.getBoolean("tollgate.it")) {
            start();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        StandaloneTollgate.stop();
        if (openRouter != null) {
            openRouter.close();
        }
        if (identityProvider != null) {
            identityProvider.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static synchronized void start() {
        Path dir = Path.of(System.getProperty("tollgate.test.dir", "target/it"));
        database = Database.start(dir.resolve("postgres"), false);
        tokens = TokenMinter.generate();
        adminSecret = TokenMinter.randomSecret();
        masterKey = TokenMinter.randomMasterKey();
        webhookSecret = TokenMinter.randomSecret();
        consolePassword = TokenMinter.randomSecret();
        paymentSecrets = java.util.List.of(TokenMinter.randomSecret(), TokenMinter.randomSecret());
        String managementKey = "test-management-" + TokenMinter.randomSecret();
        openRouter = io.tollgate.openrouter.FakeOpenRouter.start(managementKey, 0);
        String oidcClientSecret = TokenMinter.randomSecret();
        identityProvider = FakeIdentityProvider.start(oidcClientSecret);
        settings = PayaraSettings.forStack(database, tokens, adminSecret, masterKey, "test")
                .set("tollgate.openrouter.base-url", openRouter.baseUrl().toString())
                .set("tollgate.openrouter.management-key", managementKey)
                .set("tollgate.llm.staleness", LLM_STALENESS)
                .set("tollgate.llm.settle-after", "PT1S")
                .set("tollgate.tokens.issuer", TOKEN_ISSUER)
                .set("tollgate.tokens.scopes", SCOPES)
                .set("tollgate.webhooks.shared-secret", webhookSecret)
                .set("tollgate.webhooks.payment-secrets", String.join(",", paymentSecrets))
                .set("tollgate.webhooks.rates", "USD:1,EUR:1.25")
                .set("tollgate.partners.rotation-grace", PARTNER_ROTATION_GRACE)
                .set("tollgate.rate-limit.vending", VENDING_LIMIT_PER_MINUTE + "/PT1M")
                .set("tollgate.rate-limit.crediting", "5000/PT1M")
                .set("tollgate.console.admins", CONSOLE_ADMIN + ":" + ConsolePasswords.hash(consolePassword))
                .set("tollgate.console.oidc.issuer", identityProvider.issuer())
                .set("tollgate.console.oidc.client-id", FakeIdentityProvider.CLIENT_ID)
                .set("tollgate.console.oidc.client-secret", oidcClientSecret);
        Path settingsFile = settings.writeTo(dir.resolve("payara.properties"));
        System.setProperty("payara.extraMicroOptions", "--systemProperties " + settingsFile
                + " --logToFile " + arquillianLog(dir) + " " + String.join(" ", PayaraSettings.microOptions(dir)));
        System.setProperty("payara.cmdOptions", "-Xmx1g " + PayaraSettings.JVM_OPTIONS);
    }

    /** The settings of the servers under test with some changed, written for a second server's {@code --systemProperties}. */
    public static Path settingsWith(java.util.Map<String, String> changes, Path file) {
        PayaraSettings changed = settings.copy();
        changes.forEach(changed::set);
        return changed.writeTo(file);
    }

    public static Database database() {
        return database;
    }

    public static TokenMinter tokens() {
        return tokens;
    }

    public static String adminSecret() {
        return adminSecret;
    }

    public static io.tollgate.openrouter.FakeOpenRouter openRouter() {
        return openRouter;
    }

    public static String webhookSecret() {
        return webhookSecret;
    }

    /** Two payment webhook secrets are active at once, as during a rotation. */
    public static java.util.List<String> paymentSecrets() {
        return paymentSecrets;
    }

    public static FakeIdentityProvider identityProvider() {
        return identityProvider;
    }

    public static String consolePassword() {
        return consolePassword;
    }

    public static String masterKey() {
        return masterKey;
    }

    /**
     * What the Arquillian deployments' Payara Micro has logged so far: every deployment appends to the same file,
     * which Payara's log handler names with a numbered suffix (and rotates).
     */
    public static String arquillianLog() {
        Path log = arquillianLog(workDirectory());
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(log.getParent())) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(log.getFileName().toString()))
                    .sorted().toList()) {
                text.append(java.nio.file.Files.readString(file));
            }
            return text.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path arquillianLog(Path dir) {
        return dir.resolve("arquillian-payara.log").toAbsolutePath();
    }

    public static Path workDirectory() {
        return Path.of(System.getProperty("tollgate.test.dir", "target/it"));
    }
}
