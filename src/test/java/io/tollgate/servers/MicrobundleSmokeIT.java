package io.tollgate.servers;

import io.tollgate.testing.Api;
import io.tollgate.testing.PayaraProcess;
import io.tollgate.testing.PayaraSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The production uber-jar (-Pmicrobundle): {@code java -jar target/tollgate-microbundle.jar} with an operator's
 * environment and nothing else, then the smoke flow.
 */
class MicrobundleSmokeIT {

    @Test
    void runsFromItsEnvironmentAlone() throws Exception {
        try (ServerStack stack = new ServerStack("microbundle")) {
            Path log = stack.dir.resolve("microbundle.log");
            int port = PayaraProcess.freePort();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", PayaraSettings.JVM_OPTIONS, "-jar", Path.of("target/tollgate-microbundle.jar").toAbsolutePath().toString(),
                    "--nohazelcast", "--port", Integer.toString(port),
                    "--prebootcommandfile", PayaraSettings.loopbackOnly(stack.dir.resolve("loopback.asadmin")).toString(),
                    "--rootdir", PayaraSettings.freshRoot(stack.dir.resolve("root")).toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(stack.environment());
            Files.createDirectories(stack.dir);
            Process server = builder.start();
            try {
                URI base = URI.create("http://127.0.0.1:" + port + "/");
                SmokeFlow.awaitReady(base.resolve("health/ready"), Duration.ofMinutes(3), server, log);
                SmokeFlow.run(new Api(base.toURL()), stack);
            } catch (Throwable failure) {
                throw new AssertionError(failure.getMessage() + "\n" + ServerStack.tail(log, 80), failure);
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }
}
