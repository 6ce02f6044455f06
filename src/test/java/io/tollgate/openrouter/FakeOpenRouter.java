package io.tollgate.openrouter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful stand-in for OpenRouter's key management API, as documented in
 * {@code shared/reference/openrouter-management-api.md}: {@code POST /keys} answers 201 {@code {data, key}},
 * {@code GET /keys} pages 100 newest first (with {@code offset}), {@code GET|PATCH|DELETE /keys/{hash}},
 * errors as {@code {"error":{"code","message","metadata"}}}, and {@code limit_remaining} that goes negative on
 * overshoot. Tests (and the local run, through {@code POST /_fake/usage}) add usage to keys and inject latency,
 * 429s, 500s and a connection dropped after a key was created. Lives with the tests, never in the WAR.
 */
public final class FakeOpenRouter implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final String managementKey;
    private final Map<String, FakeKey> keys = new ConcurrentHashMap<>();
    private final List<FakeKey> everCreated = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger createCalls = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, AtomicInteger> requestsByKey = new ConcurrentHashMap<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile int failuresLeft;
    private volatile int failureStatus;
    /** The key whose requests the injected failures hit; null: any request. */
    private volatile String failingKey;
    private volatile boolean dropNextCreate;

    private FakeOpenRouter(String managementKey, int port) throws IOException {
        this.managementKey = managementKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/keys", this::keys);
        server.createContext("/_fake/usage", this::addUsageByKey);
        server.start();
    }

    public static FakeOpenRouter start(String managementKey, int port) {
        try {
            return new FakeOpenRouter(managementKey, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Tollgate's {@code tollgate.openrouter.base-url} should be. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1");
    }

    // ---- what tests drive ---------------------------------------------------------------------------------

    /** Spends {@code usd} on the key, as inference through it would; the limit does not stop it (overshoot). */
    public void addUsage(String hash, BigDecimal usd) {
        key(hash).usage = key(hash).usage.add(usd);
    }

    public void latency(Duration latency) {
        this.latency = latency;
    }

    /** The next {@code times} requests answer {@code status} (429 or 500) before doing anything. */
    public void failNext(int status, int times) {
        failNextFor(null, status, times);
    }

    /**
     * The next {@code times} requests about the key {@code hash} answer {@code status}; others, such as the
     * reconciliation's listing that may run meanwhile, are answered normally.
     */
    public void failNextFor(String hash, int status, int times) {
        this.failingKey = hash;
        this.failureStatus = status;
        this.failuresLeft = times;
    }

    /** The next create makes the key, then drops the connection without answering. */
    public void dropConnectionAfterNextCreate() {
        this.dropNextCreate = true;
    }

    /** Ends every injected fault that has not happened yet. */
    public void behave() {
        dropNextCreate = false;
        failuresLeft = 0;
        latency = Duration.ZERO;
    }

    public void disableBehindTollgatesBack(String hash) {
        key(hash).disabled = true;
    }

    public void deleteBehindTollgatesBack(String hash) {
        keys.remove(hash);
    }

    public List<FakeKey> liveKeys() {
        return keys.values().stream().filter(k -> !k.disabled).toList();
    }

    public List<FakeKey> allKeys() {
        return List.copyOf(keys.values());
    }

    /** Keys whose name contains {@code text} that exist now. */
    public List<FakeKey> keysNamed(String text) {
        return keys.values().stream().filter(k -> k.name.contains(text)).toList();
    }

    /** The lifetime usage of every key ever created whose name contains {@code text}, deleted ones included. */
    public BigDecimal totalUsageOfKeysNamed(String text) {
        return everCreated.stream().filter(k -> k.name.contains(text)).map(k -> k.usage)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Every request made to the key API. */
    /** Requests naming one key ({@code /keys/{hash}}): a reconciler's listing of all keys does not count. */
    public int requestsFor(String hash) {
        return requestsByKey.getOrDefault(hash, new AtomicInteger()).get();
    }

    public int requests() {
        return requests.get();
    }

    public int createCalls() {
        return createCalls.get();
    }

    /** How many keys were ever created whose name contains {@code text}. */
    public long createCalls(String text) {
        return everCreated.stream().filter(k -> k.name.contains(text)).count();
    }

    public Optional<FakeKey> byKey(String secret) {
        return keys.values().stream().filter(k -> k.secret.equals(secret)).findFirst();
    }

    // ---- the API ----------------------------------------------------------------------------------------------

    private void keys(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            pause();
            if (!("Bearer " + managementKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "Missing Authentication header");
                return;
            }
            String path = exchange.getRequestURI().getPath().replaceFirst("^/api/v1/keys/?", "");
            if (failuresLeft > 0 && (failingKey == null || failingKey.equals(path))) {
                failuresLeft--;
                error(exchange, failureStatus, failureStatus == 429 ? "Rate limit exceeded" : "Internal Server Error");
                return;
            }
            if (!path.isEmpty()) {
                requestsByKey.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            }
            String method = exchange.getRequestMethod();
            if (path.isEmpty() && method.equals("POST")) {
                create(exchange);
            } else if (path.isEmpty() && method.equals("GET")) {
                list(exchange);
            } else if (!path.isEmpty() && keys.containsKey(path)) {
                FakeKey key = keys.get(path);
                switch (method) {
                    case "GET" -> send(exchange, 200, Json.createObjectBuilder().add("data", key.json()).build());
                    case "PATCH" -> {
                        key.patch(read(exchange));
                        send(exchange, 200, Json.createObjectBuilder().add("data", key.json()).build());
                    }
                    case "DELETE" -> {
                        keys.remove(path);
                        send(exchange, 200, Json.createObjectBuilder().add("deleted", true).build());
                    }
                    default -> error(exchange, 405, "Method not allowed");
                }
            } else {
                error(exchange, 404, "Resource not found");
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        createCalls.incrementAndGet();
        JsonObject body = read(exchange);
        if (!body.containsKey("name") || body.getString("name", "").isEmpty()) {
            error(exchange, 400, "name is required");
            return;
        }
        FakeKey key = new FakeKey(body, sequence.incrementAndGet());
        keys.put(key.hash, key);
        everCreated.add(key);
        if (dropNextCreate) {
            dropNextCreate = false;
            throw new IOException("connection dropped after the key was created");
        }
        send(exchange, 201, Json.createObjectBuilder().add("data", key.json()).add("key", key.secret).build());
    }

    private void list(HttpExchange exchange) throws IOException {
        String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
        int offset = 0;
        boolean includeDisabled = query.contains("include_disabled=true");
        for (String param : query.split("&")) {
            if (param.startsWith("offset=")) {
                offset = Integer.parseInt(param.substring(7));
            }
        }
        List<FakeKey> newestFirst = new ArrayList<>(keys.values());
        newestFirst.removeIf(k -> k.disabled && !includeDisabled);
        newestFirst.sort(Comparator.comparingInt((FakeKey k) -> k.order).reversed());
        var page = Json.createArrayBuilder();
        newestFirst.stream().skip(offset).limit(100).forEach(k -> page.add(k.json()));
        send(exchange, 200, Json.createObjectBuilder().add("data", page).build());
    }

    private void addUsageByKey(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonObject body = read(exchange);
            Optional<FakeKey> key = byKey(body.getString("key", ""));
            if (key.isEmpty()) {
                error(exchange, 404, "Resource not found");
                return;
            }
            key.get().usage = key.get().usage.add(body.getJsonNumber("usd").bigDecimalValue());
            send(exchange, 200, Json.createObjectBuilder().add("data", key.get().json()).build());
        }
    }

    private FakeKey key(String hash) {
        FakeKey key = keys.get(hash);
        if (key == null) {
            throw new IllegalArgumentException("no key " + hash);
        }
        return key;
    }

    private void pause() {
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonObject read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody();
             JsonReader reader = Json.createReader(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (jakarta.json.JsonException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, Json.createObjectBuilder().add("error", Json.createObjectBuilder()
                .add("code", status).add("message", message).addNull("metadata")).build());
    }

    private static void send(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One key at the fake OpenRouter. */
    public static final class FakeKey {
        public final String hash;
        public final String secret;
        final int order;
        public volatile String name;
        public volatile BigDecimal limit;
        public volatile boolean disabled;
        public volatile BigDecimal usage = BigDecimal.ZERO;
        public final String expiresAt;
        final String createdAt = Instant.now().toString();

        FakeKey(JsonObject create, int order) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            this.secret = "sk-or-v1-" + HexFormat.of().formatHex(random);
            this.hash = sha256(secret);
            this.order = order;
            this.name = create.getString("name");
            this.limit = create.isNull("limit") || !create.containsKey("limit") ? null
                    : create.getJsonNumber("limit").bigDecimalValue();
            this.expiresAt = create.containsKey("expires_at") && !create.isNull("expires_at")
                    ? create.getString("expires_at") : null;
        }

        void patch(JsonObject body) {
            if (body.containsKey("disabled")) {
                disabled = body.getBoolean("disabled");
            }
            if (body.containsKey("limit")) {
                limit = body.isNull("limit") ? null : body.getJsonNumber("limit").bigDecimalValue();
            }
            if (body.containsKey("name")) {
                name = body.getString("name");
            }
        }

        JsonObject json() {
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("hash", hash).add("name", name)
                    .add("label", secret.substring(0, 12) + "..." + secret.substring(secret.length() - 3))
                    .add("disabled", disabled)
                    .add("limit_reset", JsonValue.NULL).add("include_byok_in_limit", false)
                    .add("usage", usage).add("usage_daily", usage).add("usage_weekly", usage)
                    .add("usage_monthly", usage).add("byok_usage", 0).add("byok_usage_daily", 0)
                    .add("byok_usage_weekly", 0).add("byok_usage_monthly", 0)
                    .add("created_at", createdAt).add("updated_at", JsonValue.NULL)
                    .add("creator_user_id", JsonValue.NULL);
            if (limit == null) {
                json.addNull("limit").addNull("limit_remaining");
            } else {
                json.add("limit", limit).add("limit_remaining", limit.subtract(usage));
            }
            if (expiresAt != null) {
                json.add("expires_at", expiresAt);
            }
            return json.build();
        }

        private static String sha256(String value) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(value.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
