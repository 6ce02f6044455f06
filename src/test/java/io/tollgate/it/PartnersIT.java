package io.tollgate.it;

import static io.tollgate.testing.PaymentProvider.sign;
import static io.tollgate.testing.PaymentProvider.notice;
import static io.tollgate.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.testing.Api;

import io.tollgate.testing.DeployedTollgate;
import io.tollgate.testing.TestEnvironment;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Partner API keys, payment webhooks and rate limits, through the public API. */
class PartnersIT extends DeployedTollgate {

    // ---- partner keys -----------------------------------------------------------------------------------------

    @Test
    void anIssuedKeyIsShownOnceAndListedWithoutItsSecret() {
        JsonObject created = createKey("{\"description\":\"Acme\",\"scopes\":[\"credits:add\",\"users:read\"]}");
        String secret = created.getString("apiKey");
        assertTrue(secret.matches("tgk_[a-z0-9]{16}_[A-Za-z0-9_-]{43}"), secret);
        assertEquals("API key created", created.getString("message"));

        JsonObject listed = findListed(created.getString("id"));
        assertEquals("Acme", listed.getString("description"));
        assertEquals("active", listed.getString("status"));
        assertTrue(secret.startsWith(listed.getString("prefix")));
        assertTrue(listed.containsKey("created_at"));
        String everyKey = api().get("/admin/api-keys?limit=100").bearer(adminToken()).send().body();
        assertFalse(everyKey.contains(secret.substring(21)), "no secret in listings");
        assertProblem(api().get("/admin/api-keys").bearer(userToken(freshUserId("u"))).send(), 403, "forbidden");
    }

    @Test
    void aPartnerCreditsAUserAsPlucksEndpointDid() {
        String userId = openAccount("partner-credit", "1");
        JsonObject key = createKey("{}");
        Api.Reply reply = partnerAdd(key.getString("apiKey"), userId, "2.5", null);
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.json().getBoolean("success"));
        assertEquals(new BigDecimal("3.5"), reply.json().getJsonNumber("newBalance").bigDecimalValue());
        JsonObject entry = lastEntry(userId);
        assertEquals("api_add", entry.getString("type"));
        assertEquals("partner", entry.getString("actor_type"));
        assertEquals(key.getString("id"), entry.getString("actor_id"));
    }

    @Test
    void eachWayOfPresentingNoValidKeyIsRefused() {
        String userId = openAccount("partner-auth", "1");
        JsonObject missing = assertProblem(api().post("/v1/credits/add", body(userId, "1")).send(), 401,
                "unauthenticated");
        assertEquals("API Key is required", missing.getString("error"));
        for (String bad : new String[] {"nonsense", "tgk_0000000000000000_" + "A".repeat(43),
                createKey("{}").getString("apiKey") + "x"}) {
            JsonObject refused = assertProblem(partnerAdd(bad, userId, "1", null), 403, "forbidden");
            assertEquals("Invalid or revoked API Key", refused.getString("error"));
        }
        JsonObject readOnly = createKey("{\"scopes\":[\"users:read\"]}");
        assertProblem(partnerAdd(readOnly.getString("apiKey"), userId, "1", null), 403, "forbidden");
        assertEquals(new BigDecimal("1"), balanceOf(userId));
    }

    @Test
    void unknownUsersAre404UnlessTheKeyMayCreateThem() {
        String stranger = freshUserId("stranger");
        assertProblem(partnerAdd(createKey("{}").getString("apiKey"), stranger, "1", null), 404, "not-found");
        Api.Reply created = partnerAdd(createKey("{\"scopes\":[\"credits:add\",\"users:create\"]}")
                .getString("apiKey"), stranger, "5", null);
        assertEquals(200, created.status(), created::toString);
        assertEquals(new BigDecimal("15"), balanceOf(stranger), "starting grant 10 plus 5");
    }

    @Test
    void aRevokedKeyIsRefusedOnItsNextRequest() {
        String userId = openAccount("revoked-key", "0");
        JsonObject key = createKey("{}");
        assertEquals(200, partnerAdd(key.getString("apiKey"), userId, "1", null).status());
        Api.Reply revoked = api().post("/admin/api-keys/" + key.getString("id") + "/revoke", "").bearer(adminToken())
                .send();
        assertEquals(200, revoked.status(), revoked::toString);
        assertProblem(partnerAdd(key.getString("apiKey"), userId, "1", null), 403, "forbidden");
        assertEquals("revoked", findListed(key.getString("id")).getString("status"));
        assertProblem(api().post("/admin/api-keys/nope/revoke", "").bearer(adminToken()).send(), 404, "not-found");
    }

    @Test
    void aRotatedKeysOldSecretWorksOnlyDuringTheGracePeriod() throws Exception {
        String userId = openAccount("rotated-key", "0");
        JsonObject key = createKey("{}");
        String oldSecret = key.getString("apiKey");
        JsonObject rotated = api().post("/admin/api-keys/" + key.getString("id") + "/rotate", "").bearer(adminToken())
                .send().json();
        String newSecret = rotated.getString("apiKey");
        assertNotNull(rotated.getString("previousKeyValidUntil"));
        assertEquals(200, partnerAdd(oldSecret, userId, "1", null).status(), "old secret within the grace");
        assertEquals(200, partnerAdd(newSecret, userId, "1", null).status());
        Thread.sleep(4000); // the tests configure a grace of PT3S
        assertProblem(partnerAdd(oldSecret, userId, "1", null), 403, "forbidden");
        assertEquals(200, partnerAdd(newSecret, userId, "1", null).status());
        assertEquals(new BigDecimal("3"), balanceOf(userId));
    }

    @Test
    void perCallAndPerDayLimitsAreEnforcedAndNamed() {
        String userId = openAccount("limited", "0");
        String key = createKey("{\"limits\":{\"perCall\":5,\"perDay\":12}}").getString("apiKey");
        JsonObject perCall = assertProblem(partnerAdd(key, userId, "5.01", null), 422, "partner-call-limit-exceeded");
        assertTrue(perCall.getString("detail").contains("per-call limit of 5"), perCall::toString);
        assertEquals(200, partnerAdd(key, userId, "5", null).status());
        assertEquals(200, partnerAdd(key, userId, "5", null).status());
        Api.Reply overDay = partnerAdd(key, userId, "2.5", null);
        JsonObject perDay = assertProblem(overDay, 429, "partner-daily-limit-exceeded");
        assertTrue(perDay.getString("detail").contains("daily limit of 12"), perDay::toString);
        assertNotNull(overDay.header("Retry-After"));
        assertEquals(200, partnerAdd(key, userId, "2", null).status(), "exactly up to the daily limit");
        assertEquals(new BigDecimal("12"), balanceOf(userId));
    }

    @Test
    void partnerCreditsHonourIdempotencyKeys() {
        String userId = openAccount("partner-idem", "0");
        String key = createKey("{}").getString("apiKey");
        Api.Reply first = partnerAdd(key, userId, "3", "order-77");
        Api.Reply again = partnerAdd(key, userId, "3", "order-77");
        assertEquals(first.body(), again.body());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(new BigDecimal("3"), balanceOf(userId));
    }

    @Test
    void scopedKeysReadBalancesAndVendTokensForUsers() {
        String userId = openAccount("partner-scopes", "4");
        String key = createKey("{\"scopes\":[\"users:read\",\"tokens:vend\"]}").getString("apiKey");
        Api.Reply balance = api().get("/user/" + userId + "/balance").header("X-API-Key", key).send();
        assertEquals(200, balance.status(), balance::toString);
        Api.Reply vended = api().post("/vend-token", "{\"userId\":\"" + userId + "\"}").header("X-API-Key", key)
                .send();
        assertEquals(200, vended.status(), vended::toString);
        assertEquals(new BigDecimal("3"), balanceOf(userId));
        String creditsOnly = createKey("{}").getString("apiKey");
        assertProblem(api().get("/user/" + userId + "/balance").header("X-API-Key", creditsOnly).send(), 403,
                "forbidden");
    }

    // ---- webhooks ---------------------------------------------------------------------------------------------

    @Test
    void plucksWebhookNeedsItsSecret() {
        String userId = openAccount("pluct-hook", "0");
        String body = body(userId, "2");
        assertProblem(api().post("/add-credits", body).send(), 401, "unauthenticated");
        assertProblem(api().post("/add-credits", body).header("x-webhook-secret", "guess").send(), 401,
                "unauthenticated");
        Api.Reply ok = api().post("/add-credits", body).header("x-webhook-secret", TestEnvironment.webhookSecret())
                .send();
        assertEquals(200, ok.status(), ok::toString);
        assertEquals(new BigDecimal("2"), ok.json().getJsonNumber("newBalance").bigDecimalValue());
        assertEquals("add_webhook", lastEntry(userId).getString("type"));
    }

    @Test
    void aSignedPaymentIsCreditedAtTheConfiguredRate() {
        String userId = openAccount("payer", "0");
        String payload = notice(UUID.randomUUID().toString(), userId, "10", "EUR");
        Api.Reply reply = deliver(payload, sign(payload, Instant.now(), TestEnvironment.paymentSecrets().get(0)));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(new BigDecimal("12.5"), balanceOf(userId));
        JsonObject entry = lastEntry(userId);
        assertEquals("add_webhook", entry.getString("type"));
        assertEquals("webhook", entry.getString("actor_type"));
    }

    @Test
    void eitherActiveSecretSignsAndBadSignaturesAreRefused() {
        String userId = openAccount("signed", "0");
        String payload = notice(UUID.randomUUID().toString(), userId, "1", "USD");
        assertEquals(200, deliver(payload, sign(payload, Instant.now(), TestEnvironment.paymentSecrets().get(1)))
                .status(), "the second secret, as during a rotation");

        String fresh = notice(UUID.randomUUID().toString(), userId, "1", "USD");
        assertProblem(deliver(fresh, null), 401, "unauthenticated");
        assertProblem(deliver(fresh, sign(fresh, Instant.now(), "not-our-secret")), 401, "unauthenticated");
        assertProblem(deliver(fresh, sign(fresh, Instant.now().minusSeconds(600),
                TestEnvironment.paymentSecrets().get(0))), 401, "unauthenticated");
        String signedThenChanged = sign(fresh, Instant.now(), TestEnvironment.paymentSecrets().get(0));
        assertProblem(deliver(fresh.replace("\"amount\":1", "\"amount\":1000"), signedThenChanged), 401,
                "unauthenticated");
        assertEquals(new BigDecimal("1"), balanceOf(userId));
    }

    @Test
    void tenParallelDeliveriesOfOneEventCreditOnceAndAllGetTheOriginalAnswer() {
        String userId = openAccount("redelivered", "0");
        String payload = notice(UUID.randomUUID().toString(), userId, "7", "USD");
        List<Api.Reply> replies = IntStream.range(0, 10)
                .mapToObj(i -> api().post("/webhooks/payments", payload)
                        .header("Tollgate-Signature", sign(payload, Instant.now(), TestEnvironment.paymentSecrets().get(0)))
                        .sendAsync()).toList()
                .stream().map(CompletableFuture::join).toList();
        replies.forEach(r -> assertEquals(200, r.status(), r::toString));
        assertEquals(1, replies.stream().map(Api.Reply::body).distinct().count());
        assertEquals(new BigDecimal("7"), balanceOf(userId));

        Api.Reply later = deliver(payload, sign(payload, Instant.now(), TestEnvironment.paymentSecrets().get(0)));
        assertEquals(replies.get(0).body(), later.body(), "a later redelivery answers the original result");
        assertEquals(new BigDecimal("7"), balanceOf(userId));
    }

    @Test
    void anEventIdReusedForOtherContentIsRefused() {
        String userId = openAccount("reused-event", "0");
        String eventId = UUID.randomUUID().toString();
        String first = notice(eventId, userId, "2", "USD");
        deliver(first, sign(first, Instant.now(), TestEnvironment.paymentSecrets().get(0)));
        String other = notice(eventId, userId, "3", "USD");
        assertProblem(deliver(other, sign(other, Instant.now(), TestEnvironment.paymentSecrets().get(0))), 409,
                "conflict");
        String unknownCurrency = notice(UUID.randomUUID().toString(), userId, "2", "XYZ");
        assertProblem(deliver(unknownCurrency, sign(unknownCurrency, Instant.now(),
                TestEnvironment.paymentSecrets().get(0))), 422, "unprocessable");
        assertEquals(new BigDecimal("2"), balanceOf(userId));
    }

    // ---- rate limits ------------------------------------------------------------------------------------------

    @Test
    void pastTheLimitA429CarriesRetryAfterAndRateLimitHeaders() {
        String userId = openAccount("hasty", "100");
        String token = userToken(userId);
        Api.Reply first = api().post("/vend-token", "{}").bearer(token).send();
        assertEquals(Integer.toString(TestEnvironment.VENDING_LIMIT_PER_MINUTE), first.header("RateLimit-Limit"));
        assertEquals(Integer.toString(TestEnvironment.VENDING_LIMIT_PER_MINUTE - 1), first.header("RateLimit-Remaining"));
        // A token bucket: the burst is the limit, and it refills steadily (one token per 1.5 s here), so a loop
        // slower than that may see a few more successes than the burst before the first 429.
        Api.Reply last = first;
        int succeeded = 1;
        for (int i = 1; i <= 2 * TestEnvironment.VENDING_LIMIT_PER_MINUTE && last.status() == 200; i++) {
            last = api().post("/vend-token", "{}").bearer(token).send();
            succeeded += last.status() == 200 ? 1 : 0;
        }
        assertProblem(last, 429, "rate-limited");
        assertTrue(succeeded >= TestEnvironment.VENDING_LIMIT_PER_MINUTE
                && succeeded < 2 * TestEnvironment.VENDING_LIMIT_PER_MINUTE, succeeded + " succeeded");
        assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1, last.header("Retry-After"));
        assertEquals("0", last.header("RateLimit-Remaining"));
        assertNotNull(last.header("RateLimit-Reset"));
        assertEquals(new BigDecimal(100 - succeeded), balanceOf(userId), "refused requests cost nothing");
        assertEquals(200, api().post("/vend-token", "{}").bearer(userToken(freshUserId("other"))).send().status(),
                "limits are per caller");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private JsonObject createKey(String body) {
        Api.Reply reply = api().post("/admin/api-keys/create", body).bearer(adminToken()).send();
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private JsonObject findListed(String id) {
        return listedRow("/admin/api-keys", "id", id);
    }

    private Api.Reply partnerAdd(String apiKey, String userId, String amount, String idempotencyKey) {
        Api.Call call = api().post("/v1/credits/add", body(userId, amount)).header("X-API-Key", apiKey);
        return idempotencyKey == null ? call.send() : call.idempotencyKey(idempotencyKey).send();
    }

    private static String body(String userId, String amount) {
        return "{\"userId\":\"" + userId + "\",\"amount\":" + amount + ",\"reason\":\"partner bonus\"}";
    }

    private JsonObject lastEntry(String userId) {
        return api().get("/user/" + userId + "/transactions?limit=1").bearer(adminToken()).send().json()
                .getJsonArray("transactions").getJsonObject(0);
    }

    private Api.Reply deliver(String payload, String signature) {
        Api.Call call = api().post("/webhooks/payments", payload);
        return signature == null ? call.send() : call.header("Tollgate-Signature", signature).send();
    }
}
