package io.tollgate.bench;

import io.tollgate.openrouter.FakeOpenRouter;
import io.tollgate.testing.Database;
import io.tollgate.testing.PayaraProcess;
import io.tollgate.testing.PayaraSettings;
import io.tollgate.testing.TokenMinter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * {@code mvn -Pbench}: starts Tollgate on Payara Micro with a throw-away embedded PostgreSQL and the OpenRouter
 * stand-in (rate limits off),
 * then drives each hot path with concurrent clients over loopback for a fixed time and prints throughput and
 * latency percentiles. Every request must succeed; a failed one aborts the run.
 */
public final class Benchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int PORT = Integer.getInteger("bench.port", 8181);

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tollgate-bench");
        TokenMinter tokens = TokenMinter.generate();
        String admin = TokenMinter.randomSecret();
        String managementKey = "bench-" + TokenMinter.randomSecret();
        try (Database database = Database.start(dir.resolve("postgres"), false);
             FakeOpenRouter openRouter = FakeOpenRouter.start(managementKey, 0)) {
            Path settings = PayaraSettings.forStack(database, tokens, admin, TokenMinter.randomMasterKey(), "bench")
                    .set("tollgate.openrouter.base-url", openRouter.baseUrl().toString())
                    .set("tollgate.openrouter.management-key", managementKey)
                    .set("tollgate.llm.staleness", "PT1H")
                    .set("tollgate.rate-limit.vending", "off").set("tollgate.rate-limit.crediting", "off")
                    .set("tollgate.rate-limit.validation", "off").set("tollgate.credits.max-amount", "1000000000")
                    .writeTo(dir.resolve("payara.properties"));
            try (PayaraProcess payara = PayaraProcess.launch(Path.of(System.getProperty("tollgate.war")), dir, PORT,
                    "1g", List.of("--systemproperties", settings.toString()))) {
                payara.awaitAnswer("/health/ready", 200, Duration.ofMinutes(4));
                run(tokens, admin);
            }
        }
    }

    private static void run(TokenMinter tokens, String admin) throws Exception {
        System.out.printf("%d clients, %d s warm-up per scenario, %d s measured, %d cores%n", CLIENTS, WARM_UP.toSeconds(),
                MEASURE.toSeconds(), Runtime.getRuntime().availableProcessors());
        String[] users = new String[CLIENTS];
        String[] userTokens = new String[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            users[i] = "bench-user-" + i;
            userTokens[i] = tokens.user(users[i]);
            send(post("/user/create", admin, "{\"userId\":\"" + users[i] + "\",\"initialCredits\":100000000}"),
                    200);
        }
        String token = send(post("/vend-token", userTokens[0], "{}"), 200).replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        String validation = "{\"token\":\"" + token + "\"}";
        AtomicInteger sequence = new AtomicInteger();

        Map<String, IntFunction<HttpRequest>> scenarios = new LinkedHashMap<>();
        scenarios.put("GET /user/{id}/balance (user JWT)", c -> get("/user/" + users[c] + "/balance", userTokens[c]));
        scenarios.put("POST /admin/credits/add, one account per client", c -> post("/admin/credits/add", admin,
                "{\"userId\":\"" + users[c] + "\",\"amount\":0.5}"));
        scenarios.put("POST /admin/credits/add, all clients on one account", c -> post("/admin/credits/add", admin,
                "{\"userId\":\"" + users[0] + "\",\"amount\":0.5}"));
        scenarios.put("POST /admin/credits/add with Idempotency-Key", c -> HttpRequest.newBuilder(
                uri("/admin/credits/add")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").header("Idempotency-Key", "k" + sequence.incrementAndGet())
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + users[c] + "\",\"amount\":0.5}")).build());
        scenarios.put("POST /vend-token (ES256)", c -> post("/vend-token", userTokens[c], "{}"));
        scenarios.put("POST /validate-token", c -> post("/validate-token", null, validation));
        scenarios.put("POST /api/key, healthy key (stored observation)", c -> post("/api/key", userTokens[c], ""));

        // The JIT warms up on every path before any is measured, so the order of the scenarios does not matter.
        for (IntFunction<HttpRequest> scenario : scenarios.values()) {
            drive(scenario, WARM_UP);
        }
        for (Map.Entry<String, IntFunction<HttpRequest>> scenario : scenarios.entrySet()) {
            measure(scenario.getKey(), scenario.getValue());
        }
    }

    private static void measure(String name, IntFunction<HttpRequest> request) throws Exception {
        long[][] perClient = drive(request, MEASURE);
        long[] all = Arrays.stream(perClient).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%-52s %8.0f req/s   p50 %6.1f ms   p99 %6.1f ms   (%d requests)%n", name,
                all.length / (double) MEASURE.toSeconds(), all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all.length);
    }

    /** Each client sends its requests one after another until the time is up; answers their latencies. */
    private static long[][] drive(IntFunction<HttpRequest> request, Duration time)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + time.toNanos();
        List<Future<long[]>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = CLIENT.send(request.apply(client), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        long[][] result = new long[CLIENTS][];
        for (int c = 0; c < CLIENTS; c++) {
            result[c] = clients.get(c).get();
        }
        pool.shutdown();
        return result;
    }

    private static HttpRequest get(String path, String bearer) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + bearer).build();
    }

    private static HttpRequest post(String path, String bearer, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder.build();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + PORT + path);
    }

    private static String send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
