package io.tollgate.it;

import static io.tollgate.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.testing.Api;
import io.tollgate.testing.DeployedTollgate;
import io.tollgate.testing.TestEnvironment;
import io.tollgate.testing.TokenMinter;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

/**
 * The service's surface: info and health, the shape of every error, and who may call what. One deployment.
 */
class ServiceIT extends DeployedTollgate {

    // ---- service info and health -------------------------------------------------------------------------

    @Test
    void rootAnswersMergedServiceInfo() {
        JsonObject info = api().get("/").send().json();
        assertEquals("Tollgate", info.getString("service"));
        assertEquals("running", info.getString("status"));
        assertEquals("test", info.getString("environment"));
        assertTrue(info.getString("version").matches("\\d+\\.\\d+\\.\\d+.*"), info::toString);
    }

    @Test
    void healthEndpointsReportTheMigratedDatabase() {
        for (String path : new String[] {"/health", "/health/ready"}) {
            Api.Reply reply = api().get(path).send();
            assertEquals(200, reply.status(), reply::toString);
            assertEquals("UP", reply.json().getString("status"));
            assertTrue(reply.body().contains("\"migrated\":\"true\""), reply::toString);
        }
        assertEquals(200, api().get("/health/live").send().status());
    }

    // ---- errors are problem JSON --------------------------------------------------------------------------

    @Test
    void unknownPathIsA404Problem() {
        assertProblem(api().get("/no/such/endpoint").send(), 404, "not-found");
    }

    @Test
    void wrongMethodIsA405Problem() {
        assertProblem(api().get("/admin/credits/add").bearer(adminToken()).send(), 405, "method-not-allowed");
    }

    @Test
    void malformedJsonIsA400Problem() {
        assertProblem(api().post("/admin/credits/add", "{\"userId\": \"a\",").bearer(adminToken()).send(),
                400, "malformed-json");
    }

    @Test
    void missingBodyIsA400Problem() {
        Api.Reply reply = api().post("/admin/credits/add", "").bearer(adminToken()).send();
        assertProblem(reply, 400, reply.json().getString("type").endsWith("malformed-json") ? "malformed-json"
                : "invalid-request");
    }

    @Test
    void bodyOverTheLimitIsA413Problem() {
        String padding = "x".repeat(70 * 1024);
        assertProblem(api().post("/admin/credits/add", "{\"reason\":\"" + padding + "\"}").bearer(adminToken()).send(),
                413, "payload-too-large");
    }

    @Test
    void nonJsonBodyIsA415Problem() {
        assertProblem(api().post("/admin/credits/add", "userId=a").header("Content-Type", "text/plain")
                .bearer(adminToken()).send(), 415, "unsupported-media-type");
    }

    // ---- validation -----------------------------------------------------------------------------------------

    @Test
    void userIdsOutsideTheAlphabetOrTooLongAre400() {
        for (String bad : new String[] {"bad%20id", "semi%3Bcolon", "a".repeat(129), "%C3%A9t%C3%A9"}) {
            assertProblem(api().get("/user/" + bad + "/balance").bearer(adminToken()).send(), 400, "invalid-request");
        }
        assertProblem(api().post("/user/create", "{\"userId\":\"\",\"initialCredits\":1}").bearer(adminToken())
                .send(), 400, "invalid-request");
    }

    @Test
    void amountsMustBeExactPositiveNumbersWithinTheMaximum() {
        String[] badAmounts = {"\"5\"", "0", "-1", "10000.000000000000000001", "10001", "1e999999999999",
                "0.0000000000000000001", "null", "true", "[1]"};
        for (String amount : badAmounts) {
            Api.Reply reply = api().post("/admin/credits/add", "{\"userId\":\"someone\",\"amount\":" + amount + "}")
                    .bearer(adminToken()).send();
            assertProblem(reply, 400, "invalid-request");
        }
    }

    @Test
    void initialCreditsMayBeZeroButNotNegativeOrAboveTheMaximum() {
        for (String credits : new String[] {"-0.5", "10000.5", "\"10\""}) {
            assertProblem(api().post("/user/create", "{\"userId\":\"" + freshUserId("init") + "\",\"initialCredits\":"
                    + credits + "}").bearer(adminToken()).send(), 400, "invalid-request");
        }
        assertEquals(0, openAndRead("0").signum());
    }

    private java.math.BigDecimal openAndRead(String credits) {
        return balanceOf(openAccount("zero", credits));
    }

    @Test
    void listingLimitsOutsideOneToHundredAre400() {
        String userId = openAccount("limits", "1");
        for (String limit : new String[] {"-1", "0", "101", "abc", "1.5"}) {
            assertProblem(api().get("/user/" + userId + "/transactions?limit=" + limit).bearer(adminToken()).send(),
                    400, "invalid-request");
        }
        assertProblem(api().get("/admin/users?limit=-1").bearer(adminToken()).send(), 400, "invalid-request");
        assertProblem(api().get("/admin/transactions?cursor=%25%25%25").bearer(adminToken()).send(), 400, "invalid-request");
        assertProblem(api().get("/admin/transactions?type=gift").bearer(adminToken()).send(), 400, "invalid-request");
    }

    @Test
    void idempotencyKeysMustBeShortPrintableAscii() {
        String userId = openAccount("idem-key", "1");
        assertProblem(api().post("/admin/credits/add", "{\"userId\":\"" + userId + "\",\"amount\":1}")
                .idempotencyKey("k".repeat(256)).bearer(adminToken()).send(), 400, "invalid-request");
    }

    // ---- authentication: every refusal is a 401 problem -------------------------------------------------------


    private final String userId = freshUserId("auth");

    private Api.Reply balanceWith(String authorization) {
        Api.Call call = api().get("/user/" + userId + "/balance");
        return authorization == null ? call.send() : call.header("Authorization", authorization).send();
    }

    private void refused(String authorization) {
        assertProblem(balanceWith(authorization), 401, "unauthenticated");
    }

    @Test
    void validEs256TokenIsAccepted() {
        Api.Reply reply = balanceWith("Bearer " + userToken(userId));
        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void missingOrNonBearerAuthorizationIsRefused() {
        refused(null);
        refused("Basic dXNlcjpwYXNz");
        refused("Bearer ");
    }

    @Test
    void malformedTokenIsRefused() {
        refused("Bearer not-a-jwt");
        refused("Bearer a.b.c");
    }

    @Test
    void unsignedTokenIsRefused() {
        String none = new PlainJWT(TokenMinter.claims(userId, Duration.ofHours(1)).build()).serialize();
        refused("Bearer " + none);
        // An "alg":"none" header on an otherwise signed-looking token.
        String[] parts = userToken(userId).split("\\.");
        String noneHeader = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        refused("Bearer " + noneHeader + "." + parts[1] + ".");
    }

    @Test
    void badSignatureIsRefused() {
        String foreign = TokenMinter.generate().user(userId);
        refused("Bearer " + foreign);
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = userToken(userId).split("\\.");
        String otherPayload = userToken("someone-else").split("\\.")[1];
        refused("Bearer " + parts[0] + "." + otherPayload + "." + parts[2]);
    }

    @Test
    void expiredTokenIsRefused() {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        refused("Bearer " + tokens().es256(TokenMinter.claims(userId, Duration.ofHours(1))
                .issueTime(Date.from(past.minus(Duration.ofHours(1)))).expirationTime(Date.from(past)).build()));
        refused("Bearer " + tokens().puku(userId, Duration.ofMinutes(-10)));
    }

    @Test
    void notYetValidTokenIsRefused() {
        refused("Bearer " + tokens().es256(TokenMinter.claims(userId, Duration.ofHours(1))
                .notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))).build()));
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        refused("Bearer " + tokens().es256(TokenMinter.claims(userId, Duration.ofHours(1)).expirationTime(null)
                .build()));
        refused("Bearer " + tokens().hs256(new JWTClaimsSet.Builder().claim("uid", userId).build()));
    }

    @Test
    void wrongIssuerOrAudienceIsRefused() {
        refused("Bearer " + tokens().es256(TokenMinter.claims(userId, Duration.ofHours(1))
                .issuer("https://evil.example").build()));
        refused("Bearer " + tokens().es256(TokenMinter.claims(userId, Duration.ofHours(1))
                .audience("another-service").build()));
    }

    @Test
    void algorithmConfusionIsRefused() {
        // HS256 "signed" with the server's public verification key as the HMAC secret.
        byte[] publicKey = tokens().publicKeyJson().getBytes(StandardCharsets.UTF_8);
        refused("Bearer " + TokenMinter.hs256(TokenMinter.claims(userId, Duration.ofHours(1)).build(), publicKey));
    }

    @Test
    void rs256TokenFromAnUnknownKeyIsRefused() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                TokenMinter.claims(userId, Duration.ofHours(1)).build());
        jwt.sign(new RSASSASigner(rsa));
        refused("Bearer " + jwt.serialize());
    }

    @Test
    void pukuHs256TokensAreAcceptedWithTheSharedSecretOnly() {
        Api.Reply reply = balanceWith("Bearer " + tokens().puku(userId, Duration.ofHours(1)));
        assertEquals(200, reply.status(), reply::toString);
        refused("Bearer " + TokenMinter.hs256(new JWTClaimsSet.Builder().claim("uid", userId)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build(),
                TokenMinter.randomSecret().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void tokenNamingNoUserOrAnInvalidUserIdIsRefused() {
        refused("Bearer " + tokens().hs256(new JWTClaimsSet.Builder().claim("email", "x@example.com")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build()));
        refused("Bearer " + tokens().user("has space"));
    }

    @Test
    void adminSecretIsComparedExactly() {
        refused("Bearer " + TestEnvironment.adminSecret() + "x");
        refused("Bearer " + TestEnvironment.adminSecret().substring(1));
        Api.Reply reply = api().get("/admin/users?limit=1").bearer(TestEnvironment.adminSecret()).send();
        assertEquals(200, reply.status(), reply::toString);
    }

        // ---- authorisation ------------------------------------------------------------------------------------

    @Test
    void aUserCannotReadAnotherUsersBalanceOrTransactions() {
        String owner = openAccount("owner", "5");
        String intruder = userToken(freshUserId("intruder"));
        assertProblem(api().get("/user/" + owner + "/balance").bearer(intruder).send(), 403, "forbidden");
        assertProblem(api().get("/user/" + owner + "/transactions").bearer(intruder).send(), 403, "forbidden");
        assertEquals(200, api().get("/user/" + owner + "/balance").bearer(userToken(owner)).send().status());
    }

    @Test
    void usersCannotCallAdminEndpoints() {
        String user = userToken(freshUserId("not-admin"));
        assertProblem(api().get("/admin/users").bearer(user).send(), 403, "forbidden");
        assertProblem(api().get("/admin/transactions").bearer(user).send(), 403, "forbidden");
        assertProblem(api().post("/admin/credits/add", "{\"userId\":\"x\",\"amount\":1}").bearer(user).send(),
                403, "forbidden");
        assertProblem(api().post("/user/create", "{\"userId\":\"x\",\"initialCredits\":1}").bearer(user).send(),
                403, "forbidden");
        assertProblem(api().post("/admin/users/x/block", "{}").bearer(user).send(), 403, "forbidden");
    }

    @Test
    void adminEndpointsNeedAuthentication() {
        assertProblem(api().get("/admin/users").send(), 401, "unauthenticated");
        assertProblem(api().post("/admin/credits/add", "{\"userId\":\"x\",\"amount\":1}").send(), 401,
                "unauthenticated");
    }
}
