package io.tollgate.servers;

import io.tollgate.testing.Api;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payara Server 6 from Maven Central (-Ppayara-server): a fresh domain, server-config/payara-server/deploy.sh with
 * an operator's environment, then the smoke flow.
 */
class PayaraServerSmokeIT {

    private static final int PORT_BASE = 28000; // admin 28048, HTTP 28080: clear of the other tests' servers

    @Test
    void deploysWithItsScriptAndServes() throws Exception {
        Path payara = ServerStack.server("payara").resolve("bin");
        ServerStack.executable(payara);
        try (ServerStack stack = new ServerStack("payara-server")) {
            Path log = stack.dir.resolve("deploy.log");
            Files.deleteIfExists(log);
            Path domains = payara.resolveSibling("glassfish/domains");
            io.tollgate.testing.PayaraSettings.freshRoot(domains.resolve("tollgate")).toFile().delete();
            Path asadmin = payara.resolve("asadmin");
            ServerStack.run(List.of(asadmin.toString(), "create-domain", "--nopassword", "--portbase",
                    Integer.toString(PORT_BASE), "tollgate"), Map.of(), log);
            loopbackOnly(domains.resolve("tollgate/config/domain.xml"));
            Path serverLog = domains.resolve("tollgate/logs/server.log");
            try {
                Map<String, String> environment = new java.util.HashMap<>(stack.environment());
                environment.put("PAYARA_HOME", payara.getParent().toString());
                environment.put("PAYARA_DOMAIN", "tollgate");
                environment.put("ASADMIN_OPTIONS", "--port " + (PORT_BASE + 48));
                ServerStack.run(List.of("bash", "server-config/payara-server/deploy.sh"), environment, log);
                URI base = URI.create("http://127.0.0.1:" + (PORT_BASE + 80) + "/");
                SmokeFlow.awaitReady(base.resolve("health/ready"), Duration.ofMinutes(2), null, serverLog);
                SmokeFlow.run(new Api(base.toURL()), stack);
            } catch (Throwable failure) {
                throw new AssertionError(failure.getMessage() + "\n" + ServerStack.tail(serverLog, 80), failure);
            } finally {
                ServerStack.run(List.of(asadmin.toString(), "stop-domain", "tollgate"), Map.of(), log);
                if (Files.exists(serverLog)) { // beside the run's other logs, for the log scan and for CI's reports
                    Files.copy(serverLog, stack.dir.resolve("payara-server.log"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Every listener of the new domain on the loopback interface: nothing a test starts listens beyond this machine. */
    private static void loopbackOnly(Path domainXml) throws java.io.IOException {
        String xml = Files.readString(domainXml)
                .replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"")
                .replaceAll("<network-listener (?![^>]*address=)", "<network-listener address=\"127.0.0.1\" ");
        Files.writeString(domainXml, xml);
    }
}
