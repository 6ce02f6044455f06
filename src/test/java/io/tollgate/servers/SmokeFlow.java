package io.tollgate.servers;

import static io.tollgate.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.testing.Api;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One flow over HTTP that touches every part a server must supply: data source and transactions, configuration
 * (secrets included), authentication and authorisation, the REST client to OpenRouter, problem answers.
 */
final class SmokeFlow {

    private SmokeFlow() {
    }

    static void run(Api api, ServerStack stack) throws Exception {
        String admin = stack.adminSecret;
        String userId = "smoke-" + UUID.randomUUID();

        Api.Reply created = api.post("/user/create", Json.createObjectBuilder().add("userId", userId)
                .add("initialCredits", BigDecimal.ZERO).build()).bearer(admin).send();
        assertEquals(200, created.status(), created::toString);

        JsonObject credit = Json.createObjectBuilder().add("userId", userId).add("amount", new BigDecimal("2.5")).build();
        String key = UUID.randomUUID().toString();
        Api.Reply first = api.post("/admin/credits/add", credit).bearer(admin).idempotencyKey(key).send();
        Api.Reply retry = api.post("/admin/credits/add", credit).bearer(admin).idempotencyKey(key).send();
        assertEquals(200, first.status(), first::toString);
        assertEquals(first.json().get("transactionId"), retry.json().get("transactionId"), "a retry applies once");
        assertEquals(new BigDecimal("2.5"), first.json().getJsonNumber("newBalance").bigDecimalValue());

        Api.Reply vended = api.post("/vend-token", Json.createObjectBuilder().add("userId", userId)
                .add("scope", "access").build()).bearer(admin).idempotencyKey(UUID.randomUUID().toString()).send();
        assertEquals(200, vended.status(), vended::toString);
        String token = vended.json().getString("token");
        Api.Reply validated = api.post("/validate-token", Json.createObjectBuilder().add("token", token).build()).send();
        assertEquals(JsonValue.TRUE, validated.json().get("valid"), validated::toString);
        assertEquals(userId, validated.json().getString("userId"));
        Api.Reply jwks = api.get("/.well-known/jwks.json").send();
        SignedJWT jwt = SignedJWT.parse(token);
        assertTrue(jwt.verify(new ECDSAVerifier(JWKSet.parse(jwks.body()).getKeyByKeyId(jwt.getHeader().getKeyID())
                .toECKey())), "the token verifies offline against the same server's JWKS");

        Api.Reply llmKey = api.post("/api/key", "").bearer(stack.tokens.user(userId)).send();
        assertEquals(200, llmKey.status(), llmKey::toString);
        assertEquals(1, stack.openRouter.keysNamed(userId).size(), "one key at OpenRouter");

        Api.Reply balance = api.get("/user/" + userId + "/balance").bearer(stack.tokens.user(userId)).send();
        assertEquals(200, balance.status(), balance::toString);
        assertEquals(new BigDecimal("1.5"), balance.json().getJsonNumber("balance").bigDecimalValue(), balance::toString);
        Api.Reply ledger = api.get("/user/" + userId + "/transactions").bearer(stack.tokens.user(userId)).send();
        List<String> types = ledger.json().getJsonArray("transactions").getValuesAs(JsonObject.class).stream()
                .map(entry -> entry.getString("type")).sorted().toList();
        assertEquals(List.of("admin_add", "hold", "spend", "user_creation"), types, ledger::toString);

        assertEquals(HttpClient.Version.HTTP_1_1, api.protocolAnsweringAnH2cOffer("/.well-known/jwks.json"),
                "HTTP/1.1 only, as server-config sets every server");

        assertProblem(api.get("/user/" + userId + "-someone-else/balance").bearer(stack.tokens.user(userId)).send(),
                403, "forbidden");

        signInToTheConsoleAndFind(api, stack, userId);
    }

    /** The console (Faces, a session, the sign-in through Tollgate's own authentication mechanism) on this server. */
    private static void signInToTheConsoleAndFind(Api api, ServerStack stack, String userId) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        URI console = URI.create("http://127.0.0.1:" + api.port() + "/console/");
        HttpResponse<String> signIn = browser.send(HttpRequest.newBuilder(console.resolve("login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ops&password="
                        + java.net.URLEncoder.encode(stack.consolePassword, java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(signIn.headers().firstValue("Location").orElse("").endsWith("/console/users.xhtml"),
                () -> signIn + " " + signIn.headers().map());
        HttpResponse<String> user = browser.send(HttpRequest.newBuilder(console.resolve("user.xhtml?id=" + userId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, user.statusCode(), user::body);
        assertTrue(user.body().contains(userId), "the user's page");
        assertTrue(user.body().contains("admin_add"), "the user's ledger in the console");
    }

    /** Waits until {@code uri} answers 200: a server says it started before its application is ready. */
    static void awaitReady(URI uri, Duration timeout, Process server, java.nio.file.Path log) throws InterruptedException {
        await(uri, 200, timeout, server, log);
    }

    static void await(URI uri, int status, Duration timeout, Process server, java.nio.file.Path log)
            throws InterruptedException {
        // HTTP/1.1, as server-config makes every server speak: an h2c upgrade cut by a timeout while a slow server
        // answered deadlocked Grizzly's HTTP/2 session (seen in ClusterIT), and a poll must not depend on that setting.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && (server == null || server.isAlive())) {
            try {
                if (client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(uri + " did not answer " + status + " in " + timeout + "\n" + ServerStack.tail(log, 80));
    }
}
