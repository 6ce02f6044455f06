package io.tollgate.testing;

import fish.payara.micro.PayaraMicro;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Another Payara Micro, started by a test for a WAR of its own, on a free loopback port. */
public final class PayaraProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private PayaraProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Payara Micro with {@code war} and waits until {@code probePath} answers with {@code probeStatus}. */
    public static PayaraProcess start(Path war, Path workDir, String probePath, int probeStatus) {
        try {
            Files.createDirectories(workDir);
            int port = freePort();
            Path jar = Path.of(PayaraMicro.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString(),
                    "--nohazelcast", "--port", Integer.toString(port), "--contextroot", "/",
                    "--prebootcommandfile", PayaraSettings.loopbackOnly(workDir.resolve("loopback.asadmin")).toString(),
                    "--rootdir", PayaraSettings.freshRoot(workDir.resolve("payara-root")).toString(),
                    "--deploy", war.toAbsolutePath().toString()))
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("payara.log").toFile()).start();
            PayaraProcess payara = new PayaraProcess(process, port);
            payara.awaitAnswer(probePath, probeStatus, Duration.ofMinutes(3));
            return payara;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void awaitAnswer(String path, int status, Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep();
        }
        close();
        throw new IllegalStateException("Payara Micro did not serve " + path + " in time; see its payara.log");
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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
