package io.tollgate.servers;

import io.tollgate.openrouter.FakeOpenRouter;
import io.tollgate.testing.Database;
import io.tollgate.testing.PayaraSettings;
import io.tollgate.testing.TokenMinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a server under a smoke test runs against, and the environment an operator would give its deploy script:
 * a real PostgreSQL (embedded unless {@code TOLLGATE_DB_URL} names one), the OpenRouter stand-in, fresh secrets
 * and a user-token key pair.
 */
final class ServerStack implements AutoCloseable {

    final Path dir;
    final Database database;
    final FakeOpenRouter openRouter;
    final TokenMinter tokens = TokenMinter.generate();
    final String adminSecret = TokenMinter.randomSecret();
    private final String managementKey = "smoke-management-" + TokenMinter.randomSecret();
    private final String masterKey = TokenMinter.randomMasterKey();
    final String consolePassword = TokenMinter.randomSecret();

    ServerStack(String server) {
        dir = Path.of(System.getProperty("tollgate.test.dir", "target/it")).resolve(server).toAbsolutePath();
        database = Database.start(dir.resolve("postgres"), false);
        openRouter = FakeOpenRouter.start(managementKey, 0);
    }

    /**
     * The variables of docs/operations.md, as an operator sets them before running a deploy script; also written as
     * settings to {@code payara.properties}, where the log scan of the run (LogsHoldNoSecretsIT) finds the secrets.
     */
    Map<String, String> environment() {
        PayaraSettings settings = PayaraSettings.forStack(database, tokens, adminSecret, masterKey, "smoke")
                .set("tollgate.tokens.issuer", "https://tollgate.smoke")
                .set("tollgate.tokens.scopes", "access:1:PT15M,brief:0.5:PT2S")
                .set("tollgate.openrouter.base-url", openRouter.baseUrl().toString())
                .set("tollgate.openrouter.management-key", managementKey)
                .set("tollgate.console.admins", "ops:" + io.tollgate.testing.ConsolePasswords.hash(consolePassword));
        settings.writeTo(dir.resolve("payara.properties"));
        Map<String, String> environment = new TreeMap<>();
        settings.asMap().forEach((name, value) ->
                environment.put(name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        return environment;
    }

    /** Makes the scripts of an unpacked distribution executable (Maven's unpacking drops the modes). */
    static void executable(Path bin) {
        try (Stream<Path> files = Files.list(bin)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end with {@code environment} added, its output appended to {@code log}; fails on a non-zero exit. */
    static void run(List<String> command, Map<String, String> environment, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + "\n" + tail(log, 60));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last {@code lines} lines of a log, to show why a server failed. */
    static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            return "--- last lines of " + log + " ---\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    static Path server(String directoryPrefix) {
        Path servers = Path.of(System.getProperty("tollgate.servers.dir", "target/servers"));
        try (Stream<Path> entries = Files.list(servers)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(directoryPrefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + directoryPrefix + "* in " + servers))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        openRouter.close();
        database.close();
    }
}
