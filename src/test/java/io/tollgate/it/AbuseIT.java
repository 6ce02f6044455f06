package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.about.ServiceInfoResource;
import io.tollgate.testing.Api;
import io.tollgate.testing.PaymentProvider;
import io.tollgate.testing.StandaloneTollgate;
import io.tollgate.testing.TestEnvironment;
import io.tollgate.testing.TokenMinter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The abuse suite: at least 10,000 generated hostile requests per run to every endpoint and method — malformed,
 * non-object, deeply nested and huge bodies; hostile amounts and ids; forged, expired, {@code alg: none},
 * wrong-audience, wrong-issuer, {@code kid}-injected and HS256-with-admin-groups tokens; near-miss partner keys and
 * webhook signatures; odd {@code Idempotency-Key}s. Every answer: no 5xx but 503, no stack trace, class name, SQL
 * or secret, every refusal in the problem shape. And the victim account the requests name changes only by what was
 * answered 2xx: its ledger holds exactly one entry per such answer.
 */
class AbuseIT {

    private static final Pattern LEAKS = Pattern.compile(
            "(?i)exception|\\bat [a-z]+\\.[a-z]+\\.|\\bselect\\b.*\\bfrom\\b|\\binsert into\\b|postgres|eclipselink"
                    + "|sqlstate|\\bjava\\.|jakarta\\.|io\\.tollgate|<html");
    /** Answers that moved the victim's credit, counted by endpoint, to compare with its ledger at the end. */
    private static final Map<String, AtomicInteger> MOVED = new ConcurrentHashMap<>();
    private static final List<String> MONEY = List.of("POST /admin/credits/add", "POST /admin/credits/deduct",
            "POST /v1/credits/add", "POST /add-credits", "POST /webhooks/payments", "POST /vend-token");

    private static Api api;
    private static final TokenMinter tokens = TestEnvironment.tokens();
    private static String victim;
    private static String partnerKey;
    private static List<String> secrets;

    enum Auth { NONE, ADMIN, ADMIN_SECRET, VICTIM, OTHER_USER, PARTNER, PARTNER_NEAR_MISS, ALG_NONE, EXPIRED,
        WRONG_AUDIENCE, WRONG_ISSUER, KID_INJECTED, HS256_ADMIN_SECRET, HS256_ADMIN_GROUPS, GARBAGE, BASIC }

    @BeforeContainer
    static void setUp() {
        api = StandaloneTollgate.api();
        victim = "victim-" + UUID.randomUUID();
        Api.Reply opened = api.post("/user/create", "{\"userId\":\"" + victim + "\",\"initialCredits\":1000}")
                .bearer(tokens.admin("abuse@example.com")).send();
        assertEquals(200, opened.status(), opened::toString);
        Api.Reply key = api.post("/admin/api-keys/create",
                "{\"scopes\":[\"credits:add\",\"users:create\",\"users:read\",\"tokens:vend\"]}")
                .bearer(tokens.admin("abuse@example.com")).send();
        partnerKey = key.json().getString("apiKey");
        secrets = List.of(TestEnvironment.adminSecret(), tokens.hs256Secret(), TestEnvironment.masterKey(),
                TestEnvironment.webhookSecret(), TestEnvironment.paymentSecrets().get(0), partnerKey);
    }

    /**
     * The seed is pinned so that CI replays a known set of 10,000 requests and a red build means a regression, not a
     * new corner of the server's HTTP layer (docs/reliability.md); change it to explore new inputs.
     */
    @Property(tries = 10_000, seed = "20261122", shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void noHostileRequestGetsA500ALeakOrAnythingButAProblem(@ForAll("requests") Hostile request) {
        Api.Reply reply = request.send();
        String label = request + " -> " + reply.status() + " " + abbreviate(reply.body());
        Statistics.label("status").collect(reply.status());
        assertTrue(reply.status() < 500 || reply.status() == 503, label);
        for (String secret : secrets) {
            assertFalse(reply.body().contains(secret), "leaks a secret: " + label);
        }
        if (reply.status() >= 400 && !request.method.equals("HEAD")) {
            assertFalse(LEAKS.matcher(reply.body()).find(), "leaks internals: " + label);
            assertTrue(String.valueOf(reply.contentType()).startsWith("application/problem+json"), label);
            JsonObject problem = parse(reply.body()).orElseThrow(() -> new AssertionError("not JSON: " + label));
            assertTrue(problem.getString("type", "").startsWith("urn:tollgate:problem:"), label);
            assertEquals(reply.status(), problem.getInt("status", -1), label);
        }
        String endpoint = request.method + " " + request.template;
        if (reply.status() / 100 == 2 && MONEY.contains(endpoint) && request.namesVictim()
                && !"true".equals(reply.header("Idempotent-Replayed"))) {
            MOVED.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
        }
    }

    @AfterContainer
    static void theVictimChangedOnlyByWhatWasAnswered2xx() {
        long moved = MOVED.values().stream().mapToInt(AtomicInteger::get).sum();
        long entries = TestEnvironment.database().queryNumber("SELECT COUNT(*) FROM ledger_entry WHERE account_id = ?"
                + " AND type IN ('admin_add', 'adjustment', 'api_add', 'add_webhook', 'spend')", victim).longValue();
        assertEquals(moved, entries, "entries of " + victim + " vs 2xx answers that moved its credit: " + MOVED);
        assertEquals(1, TestEnvironment.database().queryNumber("SELECT COUNT(*) FROM account a WHERE user_id = ?"
                + " AND balance = (SELECT SUM(amount) FROM ledger_entry WHERE account_id = a.user_id)", victim)
                .intValue(), "the victim's balance is the sum of its entries");
    }

    // ---- the generator ------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Hostile> requests() {
        Arbitrary<String> endpoint = Arbitraries.of(ServiceInfoResource.ENDPOINTS);
        Arbitrary<String> method = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("")), // the endpoint's own
                net.jqwik.api.Tuple.of(1, Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")));
        return Combinators.combine(endpoint, method, ids(), Arbitraries.of(Auth.class), bodies(), idempotencyKeys(),
                Arbitraries.integers().between(0, 9)).as(Hostile::new);
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just("$victim")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("../../etc/passwd", "..%2F..%2Fadmin", "a\u202eb", "x\u0000y",
                        "%00", "' OR '1'='1", "x".repeat(5000), "%zz", "a b", "é", "\ud83d\ude00", "${jndi:ldap://x}")));
    }

    private static Arbitrary<String> amounts() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.bigDecimals().between(java.math.BigDecimal.ZERO,
                        java.math.BigDecimal.TEN).ofScale(3).map(java.math.BigDecimal::toPlainString)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of("-1", "0", "NaN", "Infinity", "1e400", "1e-400", "\"5\"",
                        "1.0000000000000000001", "10000.000000000000000001", "99999999999999999999999", "-0",
                        "1E+2", "null", "true", "[1]", "{}", "0x10", "١")));
    }

    private static Arbitrary<String> bodies() {
        Arbitrary<String> object = Combinators.combine(ids(), amounts(), Arbitraries.of("USD", "EUR", "XYZ", "usd", "€"))
                .as((id, amount, currency) -> "{\"userId\":\"" + id + "\",\"amount\":" + amount + ",\"currency\":\""
                        + currency + "\",\"eventId\":\"" + UUID.randomUUID() + "\",\"scope\":\"access\",\"token\":\""
                        + id + "\",\"reason\":\"abuse\"}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, object),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("{", "{\"userId\":}", "\"text\"", "null", "[1,2]", "42", "{}",
                        "{\"userId\":\"$victim\",\"amount\":1,\"amount\":2}", "\u00ff\u00fe{", "{\"a\":\"\\ud800\"}")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("[".repeat(20_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                        "{\"reason\":\"" + "x".repeat(70_000) + "\"}", "{\"userId\":\"$victim\",\"reason\":\""
                                + "r".repeat(501) + "\",\"amount\":1}")));
    }

    private static Arbitrary<Optional<String>> idempotencyKeys() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Optional.empty())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", " ", "k".repeat(300), "a\tb", "ключ", "fixed-key")
                        .map(Optional::of)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(Optional::of)));
    }

    /** One generated request. */
    static final class Hostile {
        final String method;
        final String template;
        final String path;
        final Auth auth;
        final String body;
        final Optional<String> idempotencyKey;
        final int variant;

        Hostile(String endpoint, String method, String id, Auth auth, String body, Optional<String> idempotencyKey,
                int variant) {
            this.method = method.isEmpty() ? endpoint.substring(0, endpoint.indexOf(' ')) : method;
            this.template = endpoint.substring(endpoint.indexOf(' ') + 1);
            // An encoded NUL, slash or backslash in a path segment is refused by Payara's HTTP layer with an empty 400
            // before any application code runs (docs/reliability.md); such ids still reach the application in bodies.
            String resolvedId = id.replace("$victim", victim);
            String pathId = resolvedId.replaceAll("[\u0000/\\\\]", "");
            this.path = template.replaceAll("\\{[^}]+}", java.net.URLEncoder.encode(pathId, StandardCharsets.UTF_8));
            this.auth = auth;
            this.body = body.replace("$victim", victim);
            this.idempotencyKey = idempotencyKey;
            this.variant = variant;
        }

        boolean namesVictim() {
            return path.contains(victim) || body.contains("\"userId\":\"" + victim + "\"")
                    || template.equals("/vend-token") && auth == Auth.VICTIM;
        }

        Api.Reply send() {
            // GET, HEAD and DELETE carry no body: Payara's HTTP layer refuses one on DELETE with an empty 400 before any
            // application code runs (docs/reliability.md), which says nothing about Tollgate.
            Api.Call call = api.call(method, path, List.of("GET", "HEAD", "DELETE").contains(method) ? null : body);
            if (variant == 0) {
                call.header("Content-Type", "text/plain");
            } else if (variant == 1) {
                call.header("Accept", "text/html");
            }
            idempotencyKey.filter(key -> key.chars().allMatch(c -> c > 31 && c < 127))
                    .ifPresent(call::idempotencyKey);
            switch (auth) {
                case NONE -> { }
                case ADMIN -> call.bearer(tokens.admin("abuse@example.com"));
                case ADMIN_SECRET -> call.bearer(variant < 5 ? TestEnvironment.adminSecret()
                        : TestEnvironment.adminSecret() + "x");
                case VICTIM -> call.bearer(tokens.user(victim));
                case OTHER_USER -> call.bearer(tokens.user("other-" + variant));
                case PARTNER -> call.header("X-API-Key", partnerKey);
                case PARTNER_NEAR_MISS -> call.header("X-API-Key", nearMiss(partnerKey, variant));
                case ALG_NONE -> call.bearer(new PlainJWT(TokenMinter.claims(victim, Duration.ofHours(1))
                        .claim("groups", List.of("admin")).build()).serialize());
                case EXPIRED -> call.bearer(tokens.es256(TokenMinter.claims(victim, Duration.ofHours(-1)).build()));
                case WRONG_AUDIENCE -> call.bearer(tokens.es256(TokenMinter.claims(victim, Duration.ofHours(1))
                        .audience("someone-else").build()));
                case WRONG_ISSUER -> call.bearer(tokens.es256(TokenMinter.claims(victim, Duration.ofHours(1))
                        .issuer("https://evil.example").build()));
                case KID_INJECTED -> call.bearer(hs256(new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID("../../../dev/null' OR 1=1 --").type(JOSEObjectType.JWT).build(),
                        "ignored-key-ignored-key-ignored-key!"));
                case HS256_ADMIN_SECRET -> call.bearer(hs256(new JWSHeader(JWSAlgorithm.HS256),
                        TestEnvironment.adminSecret()));
                case HS256_ADMIN_GROUPS -> call.bearer(hs256(new JWSHeader(JWSAlgorithm.HS256), tokens.hs256Secret()));
                // 1,500 characters: with a 5,000-character id the request still fits Payara's 8 KiB header limit
                case GARBAGE -> call.bearer(variant < 5 ? "not.a.jwt" : "eyJhbGciOiJub25lIn0." + "A".repeat(1500));
                case BASIC -> call.header("Authorization", "Basic YWRtaW46YWRtaW4=");
            }
            if (template.equals("/webhooks/payments")) {
                String secret = variant < 3 ? TestEnvironment.paymentSecrets().get(0) : "not-the-secret";
                call.header("Tollgate-Signature", variant == 9 ? "t=99999999999999999,v1=00"
                        : PaymentProvider.sign(body, Instant.now().minusSeconds(variant == 4 ? 3600 : 0), secret));
            } else if (template.equals("/add-credits")) {
                call.header("x-webhook-secret", variant < 5 ? TestEnvironment.webhookSecret()
                        : TestEnvironment.webhookSecret().substring(1));
            }
            return call.send();
        }

        /** A token with the admin group, signed HS256 with {@code secret}: the admin secret, or Puku's. */
        private String hs256(JWSHeader header, String secret) {
            try {
                SignedJWT jwt = new SignedJWT(header, TokenMinter.claims("mallory-" + variant, Duration.ofHours(1))
                        .claim("uid", "mallory").claim("groups", List.of("admin")).build());
                byte[] key = secret.getBytes(StandardCharsets.UTF_8);
                jwt.sign(new MACSigner(key.length >= 32 ? key : java.util.Arrays.copyOf(key, 32)));
                return jwt.serialize();
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String nearMiss(String key, int variant) {
            return switch (variant % 4) {
                case 0 -> key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a");
                case 1 -> key + "x";
                case 2 -> key.substring(1);
                default -> key.toUpperCase();
            };
        }

        @Override
        public String toString() {
            return method + " " + abbreviate(path) + " as " + auth + " variant " + variant + " body "
                    + abbreviate(body) + idempotencyKey.map(k -> " key " + abbreviate(k)).orElse("");
        }
    }

    private static Optional<JsonObject> parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return Optional.of(reader.readObject());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + ")" : text;
    }
}
