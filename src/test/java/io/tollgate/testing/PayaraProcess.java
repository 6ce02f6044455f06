package io.tollgate.testing;

import fish.payara.micro.PayaraMicro;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro in its own process, serving one WAR at the root on a loopback port, with a fresh root
 * directory and its log in {@code workDir/payara.log}. Used by tests that need a second server and by the local
 * run.
 */
public final class PayaraProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PayaraProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Payara Micro on a free port and waits until {@code probePath} answers {@code probeStatus}. */
    public static PayaraProcess start(Path war, Path workDir, String probePath, int probeStatus) {
        PayaraProcess payara = launch(war, workDir, freePort(), List.of("-Xmx512m"), List.of());
        payara.awaitAnswer(probePath, probeStatus, Duration.ofMinutes(3));
        return payara;
    }

    /**
     * Starts Payara Micro with the JVM options {@code jvm} (its heap, say); {@code options} are further Payara Micro
     * options. Without Hazelcast unless the options name a cluster ({@code --clustername}). Does not wait.
     */
    public static PayaraProcess launch(Path war, Path workDir, int port, List<String> jvm, List<String> options) {
        List<String> arguments = new ArrayList<>(PayaraSettings.microOptions(workDir));
        arguments.addAll(options);
        arguments.addAll(List.of("--deploy", war.toAbsolutePath().toString()));
        return run(List.of("-jar", payaraMicroJar().toString()), workDir, port, jvm, arguments);
    }

    /**
     * Payara Micro's faster start for one fixed deployment, as docs/operations.md tells an operator: a root
     * directory with its own launcher ({@code --outputlauncher}), the WAR deployed into it by a first start that
     * stops once ready ({@code --warmup}), and a class-data-sharing archive of the classes that start loaded. Returns
     * the JVM options and arguments with which {@link #launchWarmed} starts from that directory; {@code options}
     * (its settings, say) are the warm-up's only.
     */
    public static WarmedRoot warmUp(Path war, Path workDir, int port, List<String> jvm, List<String> options) {
        List<String> arguments = new ArrayList<>(PayaraSettings.microOptions(workDir));
        // The launcher holds the classpath, the driver included; it refuses --addlibs.
        int addLibs = arguments.indexOf("--addlibs");
        Path root = Path.of(arguments.get(arguments.indexOf("--rootdir") + 1));
        List<String> launcher = List.of("-jar", root.resolve("launch-micro.jar").toString());
        awaitExit(run(List.of("-jar", payaraMicroJar().toString()), workDir, port, List.of(),
                concat(arguments, List.of("--outputlauncher"))));
        arguments.subList(addLibs, addLibs + 2).clear();
        Path archive = workDir.resolve("classes.jsa");
        List<String> warmUp = concat(options, List.of("--deploy", war.toAbsolutePath().toString(), "--warmup"));
        awaitExit(run(launcher, workDir, port, concat(jvm, List.of("-XX:ArchiveClassesAtExit=" + archive)),
                concat(arguments, warmUp)));
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the warm-up wrote no class-data archive; see " + workDir);
        }
        // -Xshare:on: a start that cannot use the archive fails instead of running slower unnoticed.
        return new WarmedRoot(workDir, launcher, concat(jvm, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on")),
                arguments);
    }

    /** A root directory prepared by {@link #warmUp}, and how to start from it. */
    public record WarmedRoot(Path workDir, List<String> launcher, List<String> jvm, List<String> arguments) {
    }

    /** Starts from a warmed root directory, with {@code options} (its settings, say) besides the warm-up's. */
    public static PayaraProcess launchWarmed(WarmedRoot root, int port, List<String> options) {
        return run(root.launcher(), root.workDir(), port, root.jvm(), concat(root.arguments(), options));
    }

    private static PayaraProcess run(List<String> jar, Path workDir, int port, List<String> jvm,
                                     List<String> arguments) {
        try {
            Files.createDirectories(workDir);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), PayaraSettings.JVM_OPTIONS));
            command.addAll(jvm);
            command.addAll(jar);
            command.addAll(List.of("--port", Integer.toString(port), "--contextroot", "/"));
            if (!arguments.contains("--clustername")) {
                command.add("--nohazelcast");
            }
            command.addAll(arguments);
            Path log = workDir.resolve("payara.log");
            if (Files.exists(log)) { // a restart: keep what the previous server said (why it was restarted, say)
                Files.move(log, workDir.resolve("payara.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new PayaraProcess(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path payaraMicroJar() {
        try {
            return Path.of(PayaraMicro.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitExit(PayaraProcess payara) {
        try {
            if (!payara.process.waitFor(5, TimeUnit.MINUTES) || payara.process.exitValue() != 0) {
                payara.close();
                throw new IllegalStateException("Payara Micro's preparation failed; see " + payara.log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            payara.close();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /**
     * Waits until {@code path} answers {@code status}; Payara says "ready" even when a deployment failed. If it never
     * does, the server's threads are dumped into its log (SIGQUIT) before it is stopped, to show what it waited on.
     */
    public void awaitAnswer(String path, int status, Duration timeout) {
        // HTTP/1.1, as server-config makes every server speak: an h2c upgrade cut by a timeout while a slow server
        // answered deadlocked Grizzly's HTTP/2 session (seen in ClusterIT), and a poll must not depend on that setting.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == status) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException notYet) {
                last = notYet.toString(); // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause();
        }
        if (process.isAlive()) {
            try {
                new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor();
                Thread.sleep(1000);
            } catch (IOException | InterruptedException noDump) {
                // the dump is a diagnosis; stopping the server matters more
            }
        }
        close();
        throw new IllegalStateException("Payara Micro did not serve " + path + " in time (last: " + last + "); see "
                + log);
    }

    /** {@code kill -9}: no shutdown hook, no graceful end of anything in flight. */
    public void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port nothing listens on now, on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
