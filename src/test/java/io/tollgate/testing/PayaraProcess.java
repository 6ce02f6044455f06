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
        try {
            Files.createDirectories(workDir);
            Path jar = Path.of(PayaraMicro.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), PayaraSettings.JVM_OPTIONS));
            command.addAll(jvm);
            command.addAll(List.of("-jar", jar.toString(), "--port", Integer.toString(port), "--contextroot", "/"));
            if (!options.contains("--clustername")) {
                command.add("--nohazelcast");
            }
            command.addAll(PayaraSettings.microOptions(workDir));
            command.addAll(options);
            command.addAll(List.of("--deploy", war.toAbsolutePath().toString()));
            Path log = workDir.resolve("payara.log");
            if (Files.exists(log)) { // a restart: keep what the previous server said (why it was restarted, say)
                Files.move(log, workDir.resolve("payara.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new PayaraProcess(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
        HttpClient client = HttpClient.newHttpClient();
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
