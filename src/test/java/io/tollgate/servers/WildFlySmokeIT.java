package io.tollgate.servers;

import io.tollgate.testing.Api;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WildFly from Maven Central (-Pwildfly): standalone.xml, server-config/wildfly/deploy.sh with an operator's
 * environment, then the smoke flow. WildFly binds to loopback by default.
 */
class WildFlySmokeIT {

    private static final int PORT_OFFSET = 21000; // HTTP 29080, management 30990

    @Test
    void deploysWithItsScriptAndServes() throws Exception {
        Path wildfly = ServerStack.server("wildfly");
        ServerStack.executable(wildfly.resolve("bin"));
        try (ServerStack stack = new ServerStack("wildfly")) {
            Path log = stack.dir.resolve("deploy.log");
            Path serverLog = stack.dir.resolve("wildfly.log");
            Files.deleteIfExists(log);
            Files.deleteIfExists(serverLog);
            Process server = new ProcessBuilder(wildfly.resolve("bin/standalone.sh").toString(),
                    "-Djboss.socket.binding.port-offset=" + PORT_OFFSET).redirectErrorStream(true)
                    .redirectOutput(serverLog.toFile()).start();
            String management = "127.0.0.1:" + (9990 + PORT_OFFSET);
            try {
                SmokeFlow.await(URI.create("http://" + management + "/management"), 401, Duration.ofMinutes(2),
                        server, serverLog); // up, and asking for a management login
                Map<String, String> environment = new HashMap<>(stack.environment());
                environment.put("JBOSS_HOME", wildfly.toString());
                environment.put("JBOSS_CLI_OPTIONS", "--controller=" + management);
                ServerStack.run(List.of("bash", "server-config/wildfly/deploy.sh"), environment, log);
                SmokeFlow.awaitReady(URI.create("http://" + management + "/health/ready"), Duration.ofMinutes(2),
                        server, serverLog);
                SmokeFlow.run(new Api(URI.create("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/").toURL()), stack);
            } catch (Throwable failure) {
                throw new AssertionError(failure.getMessage() + "\n" + ServerStack.tail(serverLog, 80), failure);
            } finally {
                server.descendants().forEach(ProcessHandle::destroy); // standalone.sh's JVM, then the script
                server.destroy();
                server.onExit().get(1, java.util.concurrent.TimeUnit.MINUTES);
                while (server.descendants().anyMatch(ProcessHandle::isAlive)) {
                    Thread.sleep(200);
                }
            }
        }
    }
}
