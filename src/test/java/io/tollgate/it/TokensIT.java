package io.tollgate.it;

import static io.tollgate.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.downstream.DownstreamApplication;
import io.tollgate.testing.Api;
import io.tollgate.testing.DeployedTollgate;
import io.tollgate.testing.PayaraProcess;
import io.tollgate.testing.ServerSigningKey;
import io.tollgate.testing.TestEnvironment;
import io.tollgate.testing.TokenMinter;
import jakarta.json.JsonObject;
import java.io.File;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Vending access tokens for credits, validating, revoking and verifying them offline. */
class TokensIT extends DeployedTollgate {

    // ---- vending ----------------------------------------------------------------------------------------------

    @Test
    void aVendedTokenCostsItsScopeAndIsDescribedFully() throws Exception {
        String userId = openAccount("vend", "3");
        Api.Reply reply = vend(userToken(userId), "", null);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject vended = reply.json();
        assertEquals("Bearer", vended.getString("tokenType"));
        assertEquals(900, vended.getInt("expiresIn"));
        assertEquals("access", vended.getString("scope"));
        assertEquals(new BigDecimal("2"), vended.getJsonNumber("balanceAfter").bigDecimalValue());
        assertFalse(vended.getString("requestId").isBlank());

        SignedJWT jwt = SignedJWT.parse(vended.getString("token"));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("ES256", jwt.getHeader().getAlgorithm().getName());
        assertFalse(jwt.getHeader().getKeyID().isBlank());
        assertEquals(TestEnvironment.TOKEN_ISSUER, claims.getIssuer());
        assertEquals(userId, claims.getSubject());
        assertFalse(claims.getAudience().isEmpty());
        assertEquals(vended.getString("jti"), claims.getJWTID());
        assertEquals("access", claims.getStringClaim("scope"));
        assertEquals(Duration.ofMinutes(15), Duration.between(claims.getIssueTime().toInstant(),
                claims.getExpirationTime().toInstant()));
        assertEquals(claims.getIssueTime(), claims.getNotBeforeTime());
        assertEquals(Instant.parse(vended.getString("expiresAt")), claims.getExpirationTime().toInstant());

        JsonObject spend = api().get("/user/" + userId + "/transactions?limit=1").bearer(userToken(userId)).send()
                .json().getJsonArray("transactions").getJsonObject(0);
        assertEquals("spend", spend.getString("type"));
        assertEquals(new BigDecimal("-1"), spend.getJsonNumber("amount").bigDecimalValue());
        assertEquals(vended.getString("requestId"), spend.getString("id"));
    }

    @Test
    void parallelVendsOnAScarceBalanceSellExactlyWhatItAffords() {
        String userId = openAccount("scarce", "12");
        String token = userToken(userId);
        List<Api.Reply> replies = IntStream.range(0, 30)
                .mapToObj(i -> api().post("/vend-token", "{}").bearer(token).sendAsync()).toList()
                .stream().map(CompletableFuture::join).toList();
        Map<Integer, Long> statuses = replies.stream()
                .collect(Collectors.groupingBy(Api.Reply::status, Collectors.counting()));
        assertEquals(Map.of(200, 12L, 402, 18L), statuses);
        Set<String> jtis = replies.stream().filter(r -> r.status() == 200).map(r -> r.json().getString("jti"))
                .collect(Collectors.toSet());
        assertEquals(12, jtis.size(), "every token has its own jti");
        replies.stream().filter(r -> r.status() == 402)
                .forEach(r -> assertEquals("Insufficient credits", r.json().getString("error")));
        assertEquals(0, balanceOf(userId).signum());
    }

    @Test
    void anIdempotentRetryReturnsTheSameTokenAndChargesOnce() {
        String userId = openAccount("vend-retry", "5");
        Api.Reply first = vend(userToken(userId), "{}", "vend-1");
        Api.Reply retry = vend(userToken(userId), "{}", "vend-1");
        assertEquals(200, retry.status(), retry::toString);
        assertEquals(first.json().getString("token"), retry.json().getString("token"));
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(new BigDecimal("4"), balanceOf(userId));
    }

    @Test
    void whoMayBuyForWhom() {
        String alice = openAccount("alice", "5");
        String bob = openAccount("bob", "5");
        assertProblem(vend(userToken(alice), "{\"userId\":\"" + bob + "\"}", null), 403, "forbidden");
        Api.Reply forBob = vend(adminToken(), "{\"userId\":\"" + bob + "\"}", null);
        assertEquals(200, forBob.status(), forBob::toString);
        assertEquals(new BigDecimal("4"), balanceOf(bob));
        assertEquals(new BigDecimal("5"), balanceOf(alice));
        assertProblem(vend(adminToken(), "{}", null), 400, "invalid-request");
        assertProblem(api().post("/vend-token", "{}").send(), 401, "unauthenticated");
    }

    @Test
    void unknownScopesAre422AndBlockedAccountsCannotBuy() {
        String userId = openAccount("scoped", "5");
        assertProblem(vend(userToken(userId), "{\"scope\":\"gold\"}", null), 422, "unprocessable");
        Api.Reply brief = vend(userToken(userId), "{\"scope\":\"brief\"}", null);
        assertEquals(new BigDecimal("4.5"), brief.json().getJsonNumber("balanceAfter").bigDecimalValue());

        api().post("/admin/users/" + userId + "/block", "{}").bearer(adminToken()).send();
        assertProblem(vend(userToken(userId), "{}", null), 403, "account-blocked");
        assertEquals(new BigDecimal("4.5"), balanceOf(userId));
    }

    // ---- validation -------------------------------------------------------------------------------------------

    @Test
    void validationAnswersValidWithTheTokensFacts() {
        String userId = openAccount("valid", "2");
        JsonObject vended = vend(userToken(userId), "{}", null).json();
        JsonObject answer = validate(vended.getString("token"));
        assertTrue(answer.getBoolean("valid"), answer::toString);
        assertEquals(userId, answer.getString("userId"));
        assertEquals("access", answer.getString("scope"));
        assertEquals(vended.getString("expiresAt"), answer.getString("expiresAt"));
    }

    @Test
    void validationNamesEachReasonForRefusal() throws Exception {
        String userId = openAccount("reasons", "5");
        String token = vend(userToken(userId), "{}", null).json().getString("token");
        ServerSigningKey serverKey = ServerSigningKey.active();
        Instant now = Instant.now();

        assertReason("malformed", "not.a.jwt");
        assertReason("malformed", "abc");
        String[] parts = token.split("\\.");
        String otherSignature = vend(userToken(userId), "{}", null).json().getString("token").split("\\.")[2];
        assertReason("bad_signature", parts[0] + "." + parts[1] + "." + otherSignature);
        assertReason("bad_signature", TokenMinter.generate().es256(claims(userId, now).build()));
        assertReason("wrong_issuer", serverKey.sign(claims(userId, now).issuer("https://elsewhere.example").build()));
        assertReason("not_yet_valid", serverKey.sign(claims(userId, now)
                .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))).build()));
        assertReason("expired", serverKey.sign(claims(userId, now.minus(Duration.ofHours(1))).build()));
        JsonObject noExpiry = validate(serverKey.sign(claims(userId, now).expirationTime(null).build()));
        assertFalse(noExpiry.getBoolean("valid"), "a token without exp is never valid");

        String brief = vend(userToken(userId), "{\"scope\":\"brief\"}", null).json().getString("token");
        assertTrue(validate(brief).getBoolean("valid"));
        Thread.sleep(3000);
        assertReason("expired", brief);
    }

    @Test
    void aMissingTokenIs400() {
        JsonObject problem = assertProblem(api().post("/validate-token", "{}").send(), 400, "invalid-request");
        assertEquals("Valid token is required", problem.getString("error"));
        assertProblem(api().post("/validate-token", "{\"token\":42}").send(), 400, "invalid-request");
    }

    // ---- revocation -------------------------------------------------------------------------------------------

    @Test
    void theOwnerOrAnAdminRevokesATokenAndItIsNoLongerValid() {
        String owner = openAccount("revoker", "5");
        JsonObject first = vend(userToken(owner), "{}", null).json();
        JsonObject second = vend(userToken(owner), "{}", null).json();

        assertProblem(api().post("/tokens/" + first.getString("jti") + "/revoke", "").bearer(
                userToken(freshUserId("stranger"))).send(), 403, "forbidden");
        assertProblem(api().post("/tokens/" + UUID.randomUUID() + "/revoke", "").bearer(userToken(owner)).send(),
                404, "not-found");

        Api.Reply revoked = api().post("/tokens/" + first.getString("jti") + "/revoke", "").bearer(userToken(owner))
                .send();
        assertEquals(200, revoked.status(), revoked::toString);
        assertTrue(revoked.json().getBoolean("revoked"));
        assertReason("revoked", first.getString("token"));
        assertEquals(new BigDecimal("3"), balanceOf(owner), "revocation refunds nothing");

        assertEquals(200, api().post("/tokens/" + second.getString("jti") + "/revoke", "").bearer(adminToken())
                .send().status());
        assertReason("revoked", second.getString("token"));
    }

    // ---- keys -------------------------------------------------------------------------------------------------

    @Test
    void jwksPublishesThePublicKeysWithCachingHeaders() {
        String userId = openAccount("jwks", "1");
        String kid = vendedKid(vend(userToken(userId), "{}", null).json().getString("token"));
        Api.Reply jwks = api().get("/.well-known/jwks.json").send();
        assertEquals(200, jwks.status());
        assertTrue(jwks.header("Cache-Control").contains("max-age"), jwks.header("Cache-Control"));
        JsonObject key = jwks.json().getJsonArray("keys").stream().map(v -> v.asJsonObject())
                .filter(k -> k.getString("kid").equals(kid)).findFirst().orElseThrow();
        assertEquals("EC", key.getString("kty"));
        assertFalse(key.containsKey("d"), "never the private part");
    }

    @Test
    void aTokenSignedBeforeARotationStillValidatesAfterIt() {
        String userId = openAccount("rotation", "3");
        String before = vend(userToken(userId), "{}", null).json().getString("token");
        assertProblem(api().post("/admin/tokens/signing-keys/rotate", "").bearer(userToken(userId)).send(), 403,
                "forbidden");
        JsonObject rotated = api().post("/admin/tokens/signing-keys/rotate", "").bearer(adminToken()).send().json();
        assertEquals(vendedKid(before), rotated.getString("retiredKid"));
        String after = vend(userToken(userId), "{}", null).json().getString("token");

        assertNotEquals(vendedKid(before), vendedKid(after));
        assertEquals(rotated.getString("kid"), vendedKid(after));
        assertTrue(validate(before).getBoolean("valid"), "the old key stays published");
        assertTrue(validate(after).getBoolean("valid"));
        String jwks = api().get("/.well-known/jwks.json").send().body();
        assertTrue(jwks.contains(vendedKid(before)) && jwks.contains(vendedKid(after)), jwks);
    }

    /**
     * A second WAR on its own Payara Micro, configured only with {@code mp.jwt.verify.publickey.location} and
     * {@code mp.jwt.verify.issuer}, accepts a vended token and refuses expired, tampered and foreign ones.
     */
    @Test
    void aDownstreamServiceVerifiesTokensOfflineWithStandardMicroProfileJwt() throws Exception {
        String userId = openAccount("downstream", "5");
        String token = vend(userToken(userId), "{}", null).json().getString("token");
        String brief = vend(userToken(userId), "{\"scope\":\"brief\"}", null).json().getString("token");
        ServerSigningKey serverKey = ServerSigningKey.active();
        String foreignIssuer = serverKey.sign(claims(userId, Instant.now()).issuer("https://elsewhere.example")
                .claim("groups", List.of("access")).build());
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + vendedPayloadFor("someone-else", token) + "." + parts[2];

        try (PayaraProcess downstream = PayaraProcess.start(downstreamWar(), TestEnvironment.workDirectory()
                .resolve("downstream"), "/whoami", 401)) {
            HttpResponse<String> accepted = call(downstream, token);
            assertEquals(200, accepted.statusCode(), accepted::body);
            assertEquals(userId, accepted.body());
            assertEquals(401, call(downstream, tampered).statusCode());
            assertEquals(401, call(downstream, foreignIssuer).statusCode());
            assertEquals(401, call(downstream, TokenMinter.generate().es256(claims(userId, Instant.now())
                    .claim("groups", List.of("access")).build())).statusCode());
            Thread.sleep(3000);
            assertEquals(401, call(downstream, brief).statusCode(), "expired");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Path downstreamWar() {
        String config = "mp.jwt.verify.publickey.location=http://127.0.0.1:" + api().port() + "/.well-known/jwks.json\n"
                + "mp.jwt.verify.issuer=" + TestEnvironment.TOKEN_ISSUER + "\n";
        WebArchive war = ShrinkWrap.create(WebArchive.class, "downstream.war")
                .addPackage(DownstreamApplication.class.getPackage())
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
        File file = TestEnvironment.workDirectory().resolve("downstream.war").toFile();
        war.as(ZipExporter.class).exportTo(file, true);
        return file.toPath();
    }

    private static HttpResponse<String> call(PayaraProcess downstream, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(downstream.uri("/whoami"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String vendedPayloadFor(String otherUser, String token) throws Exception {
        JWTClaimsSet original = SignedJWT.parse(token).getJWTClaimsSet();
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new JWTClaimsSet.Builder(original).subject(otherUser).build().toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static JWTClaimsSet.Builder claims(String userId, Instant issuedAt) {
        return new JWTClaimsSet.Builder().issuer(TestEnvironment.TOKEN_ISSUER).subject(userId)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(Duration.ofMinutes(15)))).claim("scope", "access");
    }

    private static String vendedKid(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private Api.Reply vend(String bearer, String body, String idempotencyKey) {
        Api.Call call = api().post("/vend-token", body).bearer(bearer);
        return idempotencyKey == null ? call.send() : call.idempotencyKey(idempotencyKey).send();
    }

    private JsonObject validate(String token) {
        Api.Reply reply = api().post("/validate-token", jakarta.json.Json.createObjectBuilder().add("token", token)
                .build()).send();
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private void assertReason(String reason, String token) {
        JsonObject answer = validate(token);
        assertFalse(answer.getBoolean("valid"), answer::toString);
        assertEquals(reason, answer.getString("reason"), answer::toString);
    }
}
