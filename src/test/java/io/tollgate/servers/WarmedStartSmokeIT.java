package io.tollgate.servers;

import io.tollgate.testing.Api;
import io.tollgate.testing.PayaraProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The faster start of docs/operations.md, as an operator runs it: a root directory with its own launcher, the WAR
 * deployed into it by a warm-up start, and a class-data-sharing archive of that start's classes; then a start with
 * no WAR named, which must serve the smoke flow from the root directory with the archive mapped in.
 */
class WarmedStartSmokeIT {

    @Test
    void servesFromAWarmedRootWithItsClassArchive() throws Exception {
        try (ServerStack stack = new ServerStack("warmed-micro")) {
            stack.environment();
            List<String> settings = List.of("--systemproperties", stack.dir.resolve("payara.properties").toString());
            int port = PayaraProcess.freePort();
            PayaraProcess.WarmedRoot root = PayaraProcess.warmUp(
                    Path.of(System.getProperty("tollgate.war", "target/tollgate.war")), stack.dir.resolve("micro"),
                    port, List.of("-Xmx512m"), settings);
            try (PayaraProcess server = PayaraProcess.launchWarmed(root, port, settings)) {
                server.awaitAnswer("/health/ready", 200, Duration.ofMinutes(3));
                SmokeFlow.run(new Api(server.uri("/").toURL()), stack);
            }
        }
    }
}
