package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.openrouter.FakeOpenRouter;
import io.tollgate.testing.Api;
import io.tollgate.testing.Database;
import io.tollgate.testing.MixedLoad;
import io.tollgate.testing.PayaraProcess;
import io.tollgate.testing.TestEnvironment;
import io.tollgate.testing.TokenMinter;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three Payara Micros as one service: a Hazelcast cluster on loopback (TCP/IP discovery, bound to 127.0.0.1) sharing
 * one PostgreSQL database of their own, rate limits in the cluster's JCache. Mixed traffic goes to every instance at
 * once, retries to another instance than the first attempt; then the ledger is checked exactly, limits are counted
 * over the cluster, timers are counted per cycle, a signing-key rotation is watched from the other instances, and
 * one instance is killed under load and restarted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int INSTANCES = 3;
    private static final TokenMinter tokens = TestEnvironment.tokens();
    private static final String ADMIN = tokens.admin("cluster@example.com");
    /** {@code SigningKeys.CACHE_TIME}: how often each instance reloads the signing keys (docs/operations.md). */
    private static final Duration SIGNING_KEY_REFRESH = Duration.ofSeconds(5);

    private static Database database;
    private static FakeOpenRouter openRouter;
    private static Path settings;
    private static List<String> clusterOptions;
    private static final List<Node> nodes = new ArrayList<>();
    private static String partnerKey;

    private record Node(Path dir, int port, int gridPort, PayaraProcess process, Api api) {
    }

    @BeforeAll
    static void startCluster() throws Exception {
        Path dir = TestEnvironment.workDirectory().resolve("cluster");
        // a service of its own: its own database and OpenRouter account, so its jobs see only its own keys
        database = TestEnvironment.database().createDatabase("cluster_" + UUID.randomUUID().toString().replace("-", ""));
        String managementKey = "cluster-management-" + TokenMinter.randomSecret();
        openRouter = FakeOpenRouter.start(managementKey, 0);
        settings = TestEnvironment.settingsWith(Map.of(
                "tollgate.db.url", database.url(),
                "tollgate.openrouter.base-url", openRouter.baseUrl().toString(),
                "tollgate.openrouter.management-key", managementKey,
                "tollgate.rate-limit.store", "jcache",
                "hazelcast.socket.bind.any", "false"), dir.resolve("payara.properties"));
        List<String> members = new ArrayList<>();
        List<Integer> gridPorts = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            gridPorts.add(PayaraProcess.freePort());
            members.add("127.0.0.1:" + gridPorts.get(i));
        }
        clusterOptions = List.of("--clustername", "tollgate-it-" + UUID.randomUUID(),
                "--clustermode", "tcpip:" + String.join(",", members), "--interfaces", "127.0.0.1", "--nohostaware");
        for (int i = 0; i < INSTANCES; i++) {
            int port = PayaraProcess.freePort();
            Path nodeDir = dir.resolve("node-" + i);
            nodes.add(new Node(nodeDir, port, gridPorts.get(i), launch(nodeDir, port, gridPorts.get(i)),
                    new Api(new URL("http://127.0.0.1:" + port + "/"))));
        }
        for (Node node : nodes) {
            node.process().awaitAnswer("/health/ready", 200, Duration.ofMinutes(5));
        }
        partnerKey = nodes.get(0).api().post("/admin/api-keys/create", "{\"scopes\":[\"credits:add\"]}").bearer(ADMIN)
                .send().json().getString("apiKey");
    }

    @AfterAll
    static void stopCluster() {
        nodes.forEach(node -> node.process().close());
        if (openRouter != null) {
            openRouter.close();
        }
    }

    @Test
    @Order(1)
    void mixedTrafficOnEveryInstanceIsAppliedExactlyOnceAndRetriesElsewhereApplyNothing() throws Exception {
        MixedLoad load = load(accounts("mixed", 16));
        load.runFor(Duration.ofSeconds(10), Duration.ZERO, () -> { });
        int unanswered = load.retryUnanswered();
        load.assertExactlyOnce();
        int retried = load.assertRetriesElsewhereApplyNothing();
        load.assertExactlyOnce();
        System.out.println("CLUSTER mixed traffic on " + INSTANCES + " instances: " + load.ops().size()
                + " requests, answers by status " + load.statuses() + ", " + unanswered + " retried, " + retried
                + " answered requests sent again to another instance");
        assertTrue(retried > 100, "enough traffic to mean something: " + retried);
    }

    @Test
    @Order(2)
    void aRateLimitHoldsForTheClusterNotPerInstance() throws Exception {
        String user = accounts("limited", 1).get(0);
        int limit = TestEnvironment.VENDING_LIMIT_PER_MINUTE;
        Instant start = Instant.now();
        ExecutorService clients = Executors.newFixedThreadPool(INSTANCES * 2);
        List<Callable<Integer>> vends = new ArrayList<>();
        for (int i = 0; i < 3 * limit; i++) {
            Api api = nodes.get(i % INSTANCES).api();
            vends.add(() -> api.post("/vend-token", "{}").bearer(tokens.user(user)).send().status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : clients.invokeAll(vends)) {
            statuses.add(status.get());
        }
        clients.shutdown();
        Duration took = Duration.between(start, Instant.now());
        long allowed = statuses.stream().filter(status -> status == 200).count();
        // the bucket refills greedily: limit per minute, so a little more over the time the burst took
        long refilled = (long) Math.ceil(limit * took.toMillis() / 60_000.0);
        System.out.println("CLUSTER rate limit " + limit + "/min, " + vends.size() + " vends over " + INSTANCES
                + " instances in " + took.toMillis() + " ms: " + allowed + " allowed, the rest 429");
        assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 429), statuses::toString);
        assertTrue(allowed >= limit && allowed <= limit + refilled, allowed + " allowed; per instance it would be up to "
                + INSTANCES * limit);
    }

    @Test
    @Order(3)
    void aSigningKeyRotatedOnOneInstanceIsUsedAndPublishedByTheOthersWithinTheRefreshPeriod() {
        JsonObject rotated = nodes.get(0).api().post("/admin/tokens/signing-keys/rotate", "").bearer(ADMIN).send().json();
        String kid = rotated.getString("kid");
        Instant rotatedAt = Instant.now();
        for (Node node : nodes.subList(1, INSTANCES)) {
            while (!node.api().get("/.well-known/jwks.json").send().body().contains(kid)) {
                assertTrue(Duration.between(rotatedAt, Instant.now()).compareTo(SIGNING_KEY_REFRESH.plusSeconds(5)) < 0,
                        "instance on port " + node.port() + " publishes the new key within the refresh period");
                pause(200);
            }
        }
        Duration seen = Duration.between(rotatedAt, Instant.now());
        String user = accounts("rotation", 1).get(0);
        for (Node signer : nodes) {
            String token = signer.api().post("/vend-token", "{}").bearer(tokens.user(user)).send().json().getString("token");
            assertTrue(kidOf(token).equals(kid), "every instance signs with the new key");
            for (Node validator : nodes) {
                assertTrue(validator.api().post("/validate-token", "{\"token\":\"" + token + "\"}").send().json()
                        .getBoolean("valid"), "a token signed on one instance is valid on every other");
            }
        }
        System.out.println("CLUSTER signing key rotated on one instance: the others published it after "
                + seen.toMillis() + " ms (refresh period " + SIGNING_KEY_REFRESH.toSeconds() + " s)");
    }

    @Test
    @Order(4)
    void theReconciliationRunsOncePerMinuteForTheClusterNotOncePerInstance() {
        awaitSecondOfMinute(20);
        double before = reconciliationRuns();
        pause(Duration.ofSeconds(60).toMillis());
        double ranInOneMinute = reconciliationRuns() - before;
        System.out.println("CLUSTER reconciliation runs in one minute over " + INSTANCES + " instances: " + ranInOneMinute);
        assertEquals(1.0, ranInOneMinute, 0.0, "one run per cycle for the cluster");
    }

    @Test
    @Order(5)
    void anInstanceKilledUnderLoadLosesNothingAndRejoinsTheClusterAfterRestart() throws Exception {
        Node victim = nodes.get(INSTANCES - 1);
        MixedLoad load = load(accounts("killed", 16));
        load.runFor(Duration.ofSeconds(8), Duration.ofSeconds(3), () -> victim.process().kill());
        int unanswered = load.retryUnanswered(); // each retry goes to the next instance: the others serve it
        System.out.println("CLUSTER one of " + INSTANCES + " instances killed under load: " + load.ops().size()
                + " requests, answers by status " + load.statuses() + ", " + unanswered + " retried elsewhere");
        assertTrue(unanswered > 0, "the kill cut requests off");

        int port = PayaraProcess.freePort(); // not the killed one's: in the meantime it may be some client's port
        Node restarted = new Node(victim.dir(), port, victim.gridPort(), launch(victim.dir(), port, victim.gridPort()),
                new Api(new URL("http://127.0.0.1:" + port + "/")));
        nodes.set(INSTANCES - 1, restarted);
        restarted.process().awaitAnswer("/health/ready", 200, Duration.ofMinutes(5));
        load.assertExactlyOnce(); // tokens are validated on every instance, the restarted one too
        assertTrue(log(restarted).contains("DG Size: " + INSTANCES), "the restarted instance joined the grid");
        // and shares its state: a bucket emptied through the others is empty on the restarted instance too
        String user = accounts("rejoined", 1).get(0);
        for (int i = 0; i < TestEnvironment.VENDING_LIMIT_PER_MINUTE + 5; i++) {
            nodes.get(i % (INSTANCES - 1)).api().post("/vend-token", "{}").bearer(tokens.user(user)).send();
        }
        assertEquals(429, restarted.api().post("/vend-token", "{}").bearer(tokens.user(user)).send().status(),
                "the rejoined instance sees the cluster's rate-limit buckets");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static PayaraProcess launch(Path dir, int port, int gridPort) {
        List<String> options = new ArrayList<>(List.of("--systemProperties", settings.toString(),
                "--name", dir.getFileName().toString(), "--startport", Integer.toString(gridPort)));
        options.addAll(clusterOptions);
        return PayaraProcess.launch(Path.of(System.getProperty("tollgate.war", "target/tollgate.war")), dir, port,
                List.of("-Xmx512m"), options);
    }

    /** The load follows the nodes as they are now (a restarted instance listens on a new port). */
    private static MixedLoad load(List<String> users) {
        List<Api> liveNodes = new java.util.AbstractList<>() {
            @Override
            public Api get(int index) {
                return nodes.get(index).api();
            }

            @Override
            public int size() {
                return nodes.size();
            }
        };
        return new MixedLoad(liveNodes, database, users, partnerKey, ADMIN);
    }

    private static List<String> accounts(String purpose, int count) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = purpose + "-" + UUID.randomUUID();
            Api.Reply opened = nodes.get(i % nodes.size()).api()
                    .post("/user/create", "{\"userId\":\"" + user + "\",\"initialCredits\":1000}").bearer(ADMIN).send();
            assertEquals(200, opened.status(), opened::toString);
            users.add(user);
        }
        return users;
    }

    /** Reconciliation runs over every instance (not counting those that found another instance running one). */
    private static double reconciliationRuns() {
        Pattern sample = Pattern.compile("^tollgate_reconciliation_runs_seconds_count\\{outcome=\"([^\"]+)\"[^}]*} (\\S+)$",
                Pattern.MULTILINE);
        double runs = 0;
        for (Node node : nodes) {
            Matcher matcher = sample.matcher(node.api().get("/metrics").send().body());
            while (matcher.find()) {
                if (!matcher.group(1).equals("skipped")) {
                    runs += Double.parseDouble(matcher.group(2));
                }
            }
        }
        return runs;
    }

    /** Waits until the wall clock is {@code second} seconds into a minute: the timers fire at second 0. */
    private static void awaitSecondOfMinute(int second) {
        int now = LocalTime.now(ZoneOffset.UTC).getSecond();
        pause(Duration.ofSeconds(Math.floorMod(second - now, 60)).toMillis());
    }

    private static String kidOf(String token) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8);
        return jakarta.json.Json.createReader(new java.io.StringReader(header)).readObject().getString("kid");
    }

    private static String log(Node node) {
        try {
            return Files.readString(node.process().log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
