package io.tollgate.it;

import static io.tollgate.testing.PaymentProvider.notice;
import static io.tollgate.testing.PaymentProvider.sign;
import static io.tollgate.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.testing.Api;
import io.tollgate.testing.DeployedTollgate;
import io.tollgate.testing.TestEnvironment;
import io.tollgate.testing.TokenMinter;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's defects, each reproduced over HTTP: bad input and outages answered as problems, never as the
 * server's HTML page or a 500; untrusted claims that cannot break an account; caps and maximums that hold.
 */
class HardeningIT extends DeployedTollgate {

    // ---- 1: valid JSON that is not an object -------------------------------------------------------------------

    @Test
    void issue10Defect1_aBodyThatIsNotAnObjectIsA400Problem() {
        String userId = openAccount("not-an-object", "5");
        for (String path : List.of("/admin/credits/add", "/user/create", "/validate-token")) {
            for (String body : List.of("\"text\"", "null", "[1,2]", "42", "true")) {
                assertProblem(api().post(path, body).bearer(adminToken()).send(), 400, "invalid-request");
            }
        }
        for (String body : List.of("\"text\"", "null", "[1,2]")) {
            assertProblem(api().post("/add-credits", body).header("x-webhook-secret", TestEnvironment.webhookSecret())
                    .send(), 400, "invalid-request");
        }
        assertEquals(new BigDecimal("5"), balanceOf(userId));
    }

    @Test
    void issue10_whatTheContainerRefusesIsAProblemToo() {
        assertProblem(api().call("DELETE", "/vend-token", null).bearer(adminToken()).send(), 405, "method-not-allowed");
        assertProblem(api().call("PUT", "/admin/credits/add", "{}").bearer(adminToken()).send(), 405,
                "method-not-allowed");
        assertProblem(api().post("/admin/credits/add", "userId=x").header("Content-Type", "text/plain")
                .bearer(adminToken()).send(), 415, "unsupported-media-type");
        assertProblem(api().get("/user/someone/balance").header("Accept", "text/html").bearer(adminToken()).send(),
                406, "not-acceptable");
        // Payara rejects a malformed escape while decoding the path, before any application code runs, and answers
        // an empty 200 (docs/reliability.md): nothing runs, and nothing is said beyond the status line.
        String malformed = api().raw("GET /user/%zz/balance HTTP/1.1");
        assertTrue(malformed.endsWith("\r\n\r\n") && !malformed.toLowerCase(java.util.Locale.ROOT).contains("<html"),
                malformed);
        assertProblem(api().call("PATCH", "/health", "{}").send(), 405, "method-not-allowed");
        assertProblem(api().get("/_problem").send(), 404, "not-found");
    }

    @Test
    void theServerAnswersInHttp11WhenOfferedAnUpgradeToHttp2() {
        // Grizzly's h2c could deadlock a connection whose client gave up mid-answer; server-config turns it off.
        assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, api().protocolAnsweringAnH2cOffer("/.well-known/jwks.json"));
    }

    // ---- 3: a signature timestamp beyond any clock --------------------------------------------------------------

    @Test
    void issue10Defect3_anAbsurdSignatureTimestampIsRefusedNotAFault() {
        String payload = notice(UUID.randomUUID().toString(), "anyone", "1", "USD");
        for (String header : List.of("t=99999999999999999,v1=00", "t=-99999999999999999,v1=00",
                "t=999999999999999999999999,v1=00", "t=,v1=", "v1=00")) {
            assertProblem(api().post("/webhooks/payments", payload).header("Tollgate-Signature", header).send(), 401,
                    "unauthenticated");
        }
    }

    // ---- 4: untrusted claims and long fields ---------------------------------------------------------------------

    @Test
    void issue10Defect4_longClaimsAreCutToFitAndLongFieldsAreA400() {
        String userId = freshUserId("long-claims");
        String token = tokens().es256(TokenMinter.claims(userId, Duration.ofHours(1))
                .claim("username", "n".repeat(1000)).claim("email", "e".repeat(1000) + "@example.com").build());
        Api.Reply first = api().get("/user/" + userId + "/balance").bearer(token).send();
        assertEquals(200, first.status(), first::toString);
        assertEquals(200, api().get("/user/" + userId + "/balance").bearer(token).send().status(), "and every call after");

        assertProblem(api().post("/user/create", "{\"userId\":\"" + freshUserId("long-email") + "\",\"email\":\""
                + "e".repeat(321) + "\"}").bearer(adminToken()).send(), 400, "invalid-request");
        assertProblem(api().post("/user/create", "{\"userId\":\"" + freshUserId("long-name") + "\",\"displayName\":\""
                + "n".repeat(201) + "\"}").bearer(adminToken()).send(), 400, "invalid-request");
        assertProblem(api().post("/admin/api-keys/create", "{\"description\":\"" + "d".repeat(501) + "\"}")
                .bearer(adminToken()).send(), 400, "invalid-request");
    }

    // ---- 5: HS256 admins ----------------------------------------------------------------------------------------

    @Test
    void issue10Defect5_anHs256TokenCannotMakeItsBearerAnAdmin() {
        Instant now = Instant.now();
        String forged = tokens().hs256(new com.nimbusds.jwt.JWTClaimsSet.Builder().claim("uid", "mallory")
                .claim("groups", List.of("admin")).issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(600))).build());
        assertProblem(api().get("/admin/users").bearer(forged).send(), 401, "unauthenticated");
        assertProblem(api().post("/admin/credits/add", "{\"userId\":\"mallory\",\"amount\":1000}").bearer(forged)
                .send(), 401, "unauthenticated");
        String user = tokens().puku(freshUserId("puku"), Duration.ofMinutes(10));
        assertEquals(200, api().post("/vend-token", "{}").bearer(user).send().status(), "HS256 users still work");
    }

    // ---- 6: a partner's opening grants count against its caps -------------------------------------------------

    @Test
    void issue10Defect6_theOpeningGrantOfAnAccountAPartnerCreatesCountsAgainstItsCaps() {
        Api.Reply created = api().post("/admin/api-keys/create",
                "{\"scopes\":[\"credits:add\",\"users:create\"],\"limits\":{\"perDay\":15}}").bearer(adminToken()).send();
        assertEquals(200, created.status(), created::toString);
        String apiKey = created.json().getString("apiKey");
        String first = freshUserId("partner-made");
        Api.Reply opened = partnerAdd(apiKey, first, "1");
        assertEquals(200, opened.status(), opened::toString);
        assertEquals(new BigDecimal("11"), balanceOf(first), "starting grant 10 and the 1 credited");
        String second = freshUserId("partner-made");
        assertProblem(partnerAdd(apiKey, second, "1"), 429, "partner-daily-limit-exceeded");
        assertProblem(api().get("/user/" + second + "/balance").bearer(adminToken()).send(), 404, "not-found");
        assertEquals(200, partnerAdd(apiKey, first, "4").status(), "11 + 4 = 15 is within the cap");
        assertProblem(partnerAdd(apiKey, first, "0.01"), 429, "partner-daily-limit-exceeded");
    }

    // ---- 7: payments over the per-request maximum ---------------------------------------------------------------

    @Test
    void issue10Defect7_aLargePaymentIsCreditedAndARefusedOneIsKeptForAdmins() {
        String userId = openAccount("big-payer", "0");
        String big = notice(UUID.randomUUID().toString(), userId, "10001", "USD");
        Api.Reply credited = deliver(big);
        assertEquals(200, credited.status(), credited::toString);
        assertEquals(new BigDecimal("10001"), balanceOf(userId));

        String eventId = "too-big-" + UUID.randomUUID();
        String tooBig = notice(eventId, userId, "1000001", "USD");
        assertProblem(deliver(tooBig), 400, "invalid-request");
        assertProblem(deliver(tooBig), 400, "invalid-request");
        JsonObject refusal = listedRow("/admin/payments/refused", "eventId", eventId);
        assertEquals(2, refusal.getInt("attempts"), refusal::toString);
        assertEquals(userId, refusal.getString("userId"));
        assertTrue(refusal.getString("reason").contains("at most 1000000"), refusal::toString);
        assertEquals(new BigDecimal("10001"), balanceOf(userId), "nothing credited");
        assertProblem(api().get("/admin/payments/refused").bearer(userToken(userId)).send(), 403, "forbidden");
    }

    // ---- 8: many vends on one account right after the signing keys' cache went stale --------------------------

    @Test
    void issue10Defect8_64ParallelVendsOnOneAccountAfterIdlingAllAnswer() throws Exception {
        String userId = openAccount("vend-burst", "64");
        Thread.sleep(11_000); // past any cache period: the signing keys are due for a reload
        List<CompletableFuture<Api.Reply>> vends = IntStream.range(0, 64)
                .mapToObj(i -> api().post("/vend-token", "{\"userId\":\"" + userId + "\"}")
                        .bearer(tokens().admin("ops-" + i + "@example.com")).sendAsync()) // one rate-limit bucket each
                .toList();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Api.Reply> vend : vends) {
            statuses.add(vend.get(30, java.util.concurrent.TimeUnit.SECONDS).status());
        }
        assertEquals(64, statuses.stream().filter(status -> status == 200).count(), statuses::toString);
        assertEquals(0, balanceOf(userId).signum());
    }

    // ---- 2: PostgreSQL restarting --------------------------------------------------------------------------------

    @Test
    void issue10Defect2_whilePostgresIsDownEveryAnswerIsA503WithRetryAfterAndNothingIsLost() throws Exception {
        String userId = openAccount("outage", "10");
        String key = "outage-" + UUID.randomUUID();
        List<Api.Reply> duringOutage = new ArrayList<>();
        TestEnvironment.database().outage(() -> {
            duringOutage.add(api().get("/user/" + userId + "/balance").bearer(adminToken()).send());
            duringOutage.add(credit(userId, "5", key));
            duringOutage.add(api().post("/vend-token", "{\"userId\":\"" + userId + "\"}").bearer(adminToken()).send());
            duringOutage.add(api().get("/user/" + freshUserId("unseen") + "/balance")
                    .bearer(userToken(freshUserId("unseen"))).send());
            duringOutage.add(api().get("/health/ready").send());
        });
        for (Api.Reply reply : duringOutage.subList(0, 4)) {
            assertProblem(reply, 503, "unavailable");
            assertTrue(Integer.parseInt(reply.header("Retry-After")) > 0, reply::toString);
        }
        assertEquals(503, duringOutage.get(4).status(), "readiness is down: " + duringOutage.get(4));

        Api.Reply recovered = null;
        for (int attempt = 0; attempt < 60 && (recovered == null || recovered.status() != 200); attempt++) {
            Thread.sleep(500);
            recovered = credit(userId, "5", key); // the same request, retried with its key
        }
        assertEquals(200, recovered.status(), "recovered without restarting the server: " + recovered);
        assertEquals(200, credit(userId, "5", key).status());
        assertEquals(new BigDecimal("15"), balanceOf(userId), "the retried credit applied once");
        assertEquals(200, api().get("/health/ready").send().status());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Api.Reply credit(String userId, String amount, String idempotencyKey) {
        return api().post("/admin/credits/add", "{\"userId\":\"" + userId + "\",\"amount\":" + amount + "}")
                .bearer(adminToken()).idempotencyKey(idempotencyKey).send();
    }

    private Api.Reply partnerAdd(String apiKey, String userId, String amount) {
        return api().post("/v1/credits/add", "{\"userId\":\"" + userId + "\",\"amount\":" + amount + "}")
                .header("X-API-Key", apiKey).send();
    }

    private Api.Reply deliver(String payload) {
        return api().post("/webhooks/payments", payload)
                .header("Tollgate-Signature", sign(payload, Instant.now(), TestEnvironment.paymentSecrets().get(0)))
                .send();
    }
}
