package io.tollgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The configuration handed to a Payara Micro started for tests or the local run, as a file for
 * {@code --systemProperties}: secrets stay out of the process list, and only the owner can read it.
 */
public final class PayaraSettings {

    /**
     * JVM options every Tollgate server needs (docs/operations.md): HttpURLConnection must not silently resend a
     * POST whose connection broke, or a lost answer to "create a key" becomes a second key.
     */
    public static final String JVM_OPTIONS = "-Dsun.net.http.retryPost=false";

    private static final String LOOPBACK_ONLY =
            "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1";

    private final Map<String, String> properties = new TreeMap<>();

    public static PayaraSettings forStack(Database database, TokenMinter tokens, String adminSecret,
                                          String masterKey, String environment) {
        return new PayaraSettings()
                .set("tollgate.crypto.master-key", masterKey)
                .set("tollgate.environment", environment)
                .set("tollgate.db.url", database.url())
                .set("tollgate.db.user", database.user())
                .set("tollgate.db.password", database.password())
                .set("tollgate.admin.secret", adminSecret)
                .set("tollgate.auth.hs256-secret", tokens.hs256Secret())
                .set("mp.jwt.verify.publickey", tokens.publicKeyJson())
                .set("mp.jwt.verify.issuer", TokenMinter.ISSUER)
                .set("mp.jwt.verify.audiences", TokenMinter.AUDIENCE);
    }

    public PayaraSettings copy() {
        PayaraSettings copy = new PayaraSettings();
        copy.properties.putAll(properties);
        return copy;
    }

    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(properties);
    }

    public PayaraSettings set(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /**
     * Writes an asadmin command file for {@code --prebootcommandfile} that binds the HTTP listener to the
     * loopback interface: nothing started for tests or the local run listens beyond this machine. For the uber-jar,
     * which carries Tollgate's own pre-boot commands and adds these to them.
     */
    public static Path loopbackOnly(Path file) {
        return writeCommands(file, List.of(LOOPBACK_ONLY));
    }

    private static Path writeCommands(Path file, List<String> commands) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, commands);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Payara Micro options every server started for tests or the local run gets, as an operator's would
     * (docs/operations.md): Tollgate's pre-boot commands from {@code server-config/payara-micro} with the HTTP
     * listener on loopback only, a fresh root directory in {@code workDir}, and Tollgate's data source from
     * {@code server-config/payara-micro} with the PostgreSQL driver.
     */
    public static List<String> microOptions(Path workDir) {
        try {
            Path root = freshRoot(workDir.resolve("payara-root"));
            Path serverConfig = Path.of(System.getProperty("tollgate.server-config", "server-config"), "payara-micro");
            Files.createDirectories(root.resolve("config"));
            Files.copy(serverConfig.resolve("tollgate-resources.xml"), root.resolve("config/tollgate-resources.xml"));
            List<String> commands = new java.util.ArrayList<>(Files.readAllLines(serverConfig.resolve("pre-boot.asadmin")));
            commands.add(LOOPBACK_ONLY);
            Path preBoot = writeCommands(workDir.resolve("pre-boot.asadmin"), commands);
            Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return List.of("--rootdir", root.toString(),
                    "--prebootcommandfile", preBoot.toString(),
                    "--postbootcommandfile", serverConfig.resolve("post-boot.asadmin").toAbsolutePath().toString(),
                    "--addlibs", driver.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A fresh Payara Micro root directory. Payara keeps deployed applications in its root directory and would
     * start a previous run's application (with its old configuration) again.
     */
    public static Path freshRoot(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Properties props = new Properties();
            props.putAll(properties);
            try (Writer out = Files.newBufferedWriter(file)) {
                props.store(out, "Written by Tollgate's test/local launcher; regenerated on every start");
            }
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
