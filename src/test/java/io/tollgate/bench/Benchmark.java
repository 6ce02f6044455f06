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
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * {@code mvn -Pbench}: starts Tollgate on Payara Micro with a throw-away embedded PostgreSQL and the OpenRouter
 * stand-in (rate limits off); measures, against that same PostgreSQL, the database's own ceiling for one vend's SQL
 * ({@link VendSqlCeiling}); then drives each hot path with concurrent clients over loopback for a fixed time and
 * prints throughput, latency percentiles and each one's ratio to the ceiling; then vends at half their peak rate
 * (open loop) for the p99 there. Also startup time, plain and with the faster start of docs/operations.md, and the
 * server's peak RSS. Every request must succeed; a failed one aborts the run.
 */
public final class Benchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int PORT = Integer.getInteger("bench.port", 8181);
    /** The server's heap and further JVM options: by default, the small instance of docs/operations.md ("Memory"). */
    private static final String HEAP = System.getProperty("bench.heap", "192m");
    private static final String JVM = System.getProperty("bench.jvm",
            "-XX:+UseParallelGC -XX:TrimNativeHeapInterval=5000");
    /** Only the scenarios whose name contains this (e.g. {@code vend-token}): a quicker run while profiling one path. */
    private static final String ONLY = System.getProperty("bench.only", "");
    private static long serverPid;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tollgate-bench");
        TokenMinter tokens = TokenMinter.generate();
        String admin = TokenMinter.randomSecret();
        String managementKey = "bench-" + TokenMinter.randomSecret();
        try (Database database = Database.start(dir.resolve("postgres"), false);
             FakeOpenRouter openRouter = FakeOpenRouter.start(managementKey, 0)) {
            Function<Database, PayaraSettings> settings = db -> PayaraSettings.forStack(db, tokens, admin,
                            TokenMinter.randomMasterKey(), "bench")
                    .set("tollgate.openrouter.base-url", openRouter.baseUrl().toString())
                    .set("tollgate.openrouter.management-key", managementKey)
                    .set("tollgate.llm.staleness", "PT1H")
                    .set("tollgate.rate-limit.vending", "off").set("tollgate.rate-limit.crediting", "off")
                    .set("tollgate.rate-limit.validation", "off").set("tollgate.credits.max-amount", "1000000000");
            warmedStartup(database, settings, dir.resolve("warmed"));
            long launched = System.nanoTime();
            try (PayaraProcess payara = PayaraProcess.launch(Path.of(System.getProperty("tollgate.war")), dir, PORT,
                    jvmOptions(dir), List.of("--systemproperties", settingsFile(settings, database, dir, "bench")))) {
                payara.awaitAnswer("/health/ready", 200, Duration.ofMinutes(4));
                System.out.printf("startup: ready (GET /health/ready 200) %.1f s after launch; %s%n",
                        (System.nanoTime() - launched) / 1e9, payaraSays(payara.log()));
                serverPid = payara.pid();
                try (PeakRss rss = new PeakRss(payara.pid())) {
                    run(tokens, admin, database);
                    System.out.printf("server RSS: peak %d MiB while measured (%s)%n", rss.peakMib(),
                            String.join(" ", serverJvm()));
                }
            }
        }
        System.out.println("server log and profile (-Dbench.jfr=true): " + dir);
    }

    /**
     * The start docs/operations.md offers for a fixed deployment: a root directory warmed by a first start, and a
     * class-data-sharing archive of that start's classes. Like the plain start, on an empty database.
     */
    private static void warmedStartup(Database database, Function<Database, PayaraSettings> settings, Path dir) {
        long warming = System.nanoTime();
        PayaraProcess.WarmedRoot root = PayaraProcess.warmUp(Path.of(System.getProperty("tollgate.war")), dir, PORT,
                serverJvm(), List.of("--systemproperties",
                        settingsFile(settings, database.createDatabase("warm_up"), dir, "warm-up")));
        double warmUp = (System.nanoTime() - warming) / 1e9;
        long launched = System.nanoTime();
        try (PayaraProcess payara = PayaraProcess.launchWarmed(root, PORT, List.of("--systemproperties",
                settingsFile(settings, database.createDatabase("warmed_start"), dir, "warmed-start")))) {
            payara.awaitAnswer("/health/ready", 200, Duration.ofMinutes(4));
            System.out.printf("startup, warmed root directory and class-data sharing: ready %.1f s after launch "
                    + "(warm-up and archive %.0f s before)%n", (System.nanoTime() - launched) / 1e9, warmUp);
        }
    }

    private static String settingsFile(Function<Database, PayaraSettings> settings, Database database, Path dir,
                                       String name) {
        return settings.apply(database).writeTo(dir.resolve(name + ".properties")).toString();
    }

    /**
     * {@code -Dbench.jfr=true}: the server records a JFR profile of the run (docs/benchmarks.md shows how to read it);
     * {@code -Dbench.jvm="..."}: the server's further JVM options, separated by spaces, instead of the default.
     */
    private static List<String> jvmOptions(Path dir) {
        List<String> options = serverJvm();
        if (Boolean.getBoolean("bench.jfr")) {
            // Deep stacks: a request's frames from Grizzly to the JDBC driver are well over JFR's default of 64.
            options.add("-XX:FlightRecorderOptions=stackdepth=256");
            options.add("-XX:StartFlightRecording=dumponexit=true,settings=profile,filename=" + dir.resolve("bench.jfr"));
        }
        return options;
    }

    private static List<String> serverJvm() {
        List<String> options = new ArrayList<>(List.of("-Xmx" + HEAP));
        options.addAll(Arrays.stream(JVM.split(" ")).filter(o -> !o.isBlank()).toList());
        return options;
    }

    private static String payaraSays(Path log) throws java.io.IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains(" ready in ")).findFirst()
                .map(line -> line.substring(line.indexOf("Payara Micro"))).orElse("");
    }

    private static void run(TokenMinter tokens, String admin, Database database) throws Exception {
        VendSqlCeiling ceiling = new VendSqlCeiling(database, CLIENTS);
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
        scenarios.put("GET / (no credentials, no database)", c -> get("/", null));
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
        IntFunction<HttpRequest> vend = scenarios.get("POST /vend-token (ES256)");
        scenarios.keySet().removeIf(name -> !name.contains(ONLY));

        // The database's ceiling first, while the server is idle: the same PostgreSQL, clients and accounts.
        ceiling.warmUp(VendSqlCeiling.Ledger.PLAIN, users, WARM_UP);
        CpuUse start = CpuUse.now(serverPid);
        double plain = ceiling.measure(VendSqlCeiling.Ledger.PLAIN, users, MEASURE);
        CpuUse ceilingCpu = CpuUse.now(serverPid).since(start);
        long ceilingTransactions = Math.round(plain * MEASURE.toSeconds());
        System.out.printf("%-52s %8.0f tx/s%n%-52s %s%n", "ceiling: one vend's SQL, raw JDBC", plain, "",
                ceilingCpu.per(ceilingTransactions));
        ceiling.createHashPartitionedLedger();
        ceiling.warmUp(VendSqlCeiling.Ledger.HASH_PARTITIONED, users, WARM_UP);
        double partitioned = ceiling.measure(VendSqlCeiling.Ledger.HASH_PARTITIONED, users, MEASURE);
        System.out.printf("%-52s %8.0f tx/s (%.2f of the plain ledger)%n", "ceiling, ledger hash-partitioned by account ("
                + VendSqlCeiling.PARTITIONS + ")", partitioned, partitioned / plain);
        ceiling.pgbench(MEASURE).ifPresentOrElse(
                result -> System.out.printf("%-52s %s tx/s%n", "ceiling: the same SQL with pgbench", result),
                () -> System.out.println("ceiling: pgbench is not installed; raw JDBC only"));

        // The JIT warms up on every path before any is measured, so the order of the scenarios does not matter.
        for (IntFunction<HttpRequest> scenario : scenarios.values()) {
            drive(scenario, WARM_UP);
        }
        Result vended = null;
        for (Map.Entry<String, IntFunction<HttpRequest>> scenario : scenarios.entrySet()) {
            Result result = measure(scenario.getKey(), scenario.getValue(), plain);
            if (scenario.getKey().startsWith("POST /vend-token")) {
                vended = result;
            }
        }
        if (vended == null) {
            return;
        }
        System.out.printf("%-52s %s%n", "vend-token at half the ceiling, on these cores",
                serverShareAtHalfTheCeiling(ceilingCpu, ceilingTransactions, vended));
        double vendPeak = vended.throughput();
        long[] atHalf = openLoop(vend, vendPeak / 2, MEASURE);
        System.out.printf("%-52s %8.0f req/s   p50 %6.1f ms   p99 %6.1f ms   (%d requests, open loop)%n",
                "POST /vend-token at half its peak", vendPeak / 2, atHalf[atHalf.length / 2] / 1e6,
                atHalf[(int) (atHalf.length * 0.99)] / 1e6, atHalf.length);
        scale(database, users, userTokens, plain);
    }

    /** What closed-loop clients got from one scenario, and the CPU it took. */
    private record Result(double throughput, double p50Millis, double p99Millis, int requests, CpuUse cpu) {
    }

    /**
     * How much CPU a vend may take for vend-token to reach half the ceiling, and how much of that the load generator
     * and PostgreSQL leave the server. With the machine saturated, throughput is the machine's CPU over one
     * operation's, so a vend at half the ceiling may cost twice one raw-JDBC transaction.
     */
    private static String serverShareAtHalfTheCeiling(CpuUse ceiling, long transactions, Result vend) {
        double budget = 2 * ceiling.busyMillisPer(transactions);
        double server = vend.cpu().serverMillisPer(vend.requests());
        double others = vend.cpu().busyMillisPer(vend.requests()) - server;
        return String.format("a vend may cost %.2f ms of CPU; the load generator and the rest took %.2f ms of it,"
                + " leaving the server %.2f ms (it took %.2f)", budget, others, budget - others, server);
    }

    /** Throughput of {@code request} from closed-loop clients; prints it with its latencies and ratio to the ceiling. */
    private static Result measure(String name, IntFunction<HttpRequest> request, double ceiling) throws Exception {
        CpuUse start = CpuUse.now(serverPid);
        long[][] perClient = drive(request, MEASURE);
        CpuUse used = CpuUse.now(serverPid).since(start);
        long[] all = Arrays.stream(perClient).flatMapToLong(Arrays::stream).sorted().toArray();
        Result result = new Result(all.length / (double) MEASURE.toSeconds(), all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all.length, used);
        System.out.printf("%-52s %8.0f req/s   p50 %6.1f ms   p99 %6.1f ms   %.3f of the ceiling   (%d requests)%n"
                        + "%-52s %s%n", name, result.throughput(), result.p50Millis(), result.p99Millis(),
                result.throughput() / ceiling, result.requests(), "", used.per(all.length));
        return result;
    }

    /**
     * The p99 of reads and vends on the database as the run left it, then with {@code bench.scale.accounts} accounts
     * of 10 entries each loaded in SQL, and every hot query's plan.
     */
    private static void scale(Database database, String[] users, String[] userTokens, double ceiling) throws Exception {
        long accounts = Long.getLong("bench.scale.accounts", 1_000_000);
        if (accounts <= 0) {
            return;
        }
        String[] deepCursors = new String[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            deepCursors[c] = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(database.queryNumber(
                    "SELECT min(id) + 100 FROM ledger_entry WHERE account_id = ?", users[c]).toPlainString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, IntFunction<HttpRequest>> scenarios = new LinkedHashMap<>();
        scenarios.put("GET /user/{id}/balance", c -> get("/user/" + users[c] + "/balance", userTokens[c]));
        scenarios.put("GET /user/{id}/transactions, first page", c -> get("/user/" + users[c]
                + "/transactions?limit=50", userTokens[c]));
        scenarios.put("GET /user/{id}/transactions, deep cursor", c -> get("/user/" + users[c]
                + "/transactions?limit=50&cursor=" + deepCursors[c], userTokens[c]));
        scenarios.put("POST /vend-token", c -> post("/vend-token", userTokens[c], "{}"));
        for (IntFunction<HttpRequest> scenario : scenarios.values()) {
            drive(scenario, WARM_UP);
        }
        Map<String, Result> before = new LinkedHashMap<>();
        for (Map.Entry<String, IntFunction<HttpRequest>> scenario : scenarios.entrySet()) {
            before.put(scenario.getKey(), measure(scenario.getKey() + " (before)", scenario.getValue(), ceiling));
        }
        ScaleLoad load = new ScaleLoad(database);
        System.out.printf("scale: %d accounts and %d ledger entries loaded in SQL in %.0f s%n", accounts, accounts * 10,
                load.load(accounts, 10));
        for (Map.Entry<String, IntFunction<HttpRequest>> scenario : scenarios.entrySet()) {
            drive(scenario.getValue(), WARM_UP);
            Result after = measure(scenario.getKey() + " (loaded)", scenario.getValue(), ceiling);
            System.out.printf("%-52s p99 %.2f× the p99 before loading%n", scenario.getKey(),
                    after.p99Millis() / before.get(scenario.getKey()).p99Millis());
        }
        load.plans(users[0]).forEach((query, plan) -> System.out.printf("plan: %-40s %s%n", query, plan));
    }

    /**
     * Sends {@code request} at a fixed {@code rate} whatever the answers' pace (an open loop), each timed from when it
     * was due, not from when it was sent: a slow answer delays no later request's clock (no coordinated omission).
     */
    private static long[] openLoop(IntFunction<HttpRequest> request, double rate, Duration time) throws Exception {
        long start = System.nanoTime();
        long count = (long) (rate * time.toSeconds());
        List<java.util.concurrent.CompletableFuture<Long>> answers = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / rate);
            java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
            answers.add(CLIENT.sendAsync(request.apply((int) (i % CLIENTS)), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(response.statusCode() + " " + response.body());
                        }
                        return System.nanoTime() - due;
                    }));
        }
        long[] latencies = new long[answers.size()];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = answers.get(i).get();
        }
        Arrays.sort(latencies);
        return latencies;
    }

    /** The largest resident set of a process, sampled every 200 ms until closed. */
    private static final class PeakRss implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService sampler =
                Executors.newSingleThreadScheduledExecutor();
        private final java.util.concurrent.atomic.AtomicLong peakKib = new java.util.concurrent.atomic.AtomicLong();

        PeakRss(long pid) {
            Path status = Path.of("/proc", Long.toString(pid), "status");
            sampler.scheduleAtFixedRate(() -> {
                try {
                    Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS:")).findFirst()
                            .ifPresent(line -> peakKib.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")),
                                    Math::max));
                } catch (java.io.IOException gone) {
                    // the process has ended; the peak stands
                }
            }, 0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        long peakMib() {
            return peakKib.get() / 1024;
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
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
        return authorized(HttpRequest.newBuilder(uri(path)), bearer).build();
    }

    private static HttpRequest post(String path, String bearer, String json) {
        return authorized(HttpRequest.newBuilder(uri(path)), bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** With {@code Authorization: Bearer <bearer>}, unless {@code bearer} is null. */
    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String bearer) {
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
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
