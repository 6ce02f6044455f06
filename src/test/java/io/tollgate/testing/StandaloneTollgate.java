package io.tollgate.testing;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The built WAR on a Payara Micro of its own, for the property-based suites (jqwik runs outside Arquillian):
 * the same database, keys and OpenRouter stand-in as the Arquillian deployments, with OpenRouter keys observed on
 * every call and settled at once, and no rate limits (the suites must reach past them). Started on first use,
 * once per test run; stopped before the database.
 */
public final class StandaloneTollgate {

    private static PayaraProcess server;
    private static Api api;

    private StandaloneTollgate() {
    }

    public static synchronized Api api() {
        if (server == null) {
            Path dir = TestEnvironment.workDirectory().resolve("standalone");
            Path settings = settings(dir.resolve("payara.properties"));
            int port = PayaraProcess.freePort();
            server = PayaraProcess.launch(Path.of(System.getProperty("tollgate.war", "target/tollgate.war")), dir, port,
                    List.of("-Xmx768m"), List.of("--systemProperties", settings.toString()));
            server.awaitAnswer("/health/ready", 200, Duration.ofMinutes(4));
            try {
                api = new Api(new URL("http://127.0.0.1:" + port + "/"));
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return api;
    }

    /**
     * The test settings with OpenRouter keys observed on every call and settled at once, and no rate limits: for
     * servers that suites drive hard (this one, and the fault suite's).
     */
    public static Path settings(Path file) {
        return TestEnvironment.settingsWith(Map.of(
                "tollgate.llm.staleness", "PT0S",
                "tollgate.llm.settle-after", "PT0S",
                "tollgate.rate-limit.vending", "off",
                "tollgate.rate-limit.crediting", "off",
                "tollgate.rate-limit.webhooks", "off",
                "tollgate.rate-limit.validation", "off"), file);
    }

    static synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
