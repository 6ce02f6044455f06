package io.tollgate.it;

import static io.tollgate.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.openrouter.FakeOpenRouter;
import io.tollgate.testing.Api;
import io.tollgate.testing.Database;
import io.tollgate.testing.DeployedTollgate;
import io.tollgate.testing.TestEnvironment;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-user OpenRouter keys against the stateful OpenRouter stand-in. Each Puku defect of seed-api.md is
 * reproduced and shown fixed; after every scenario the spend invariant holds: the credits charged equal the
 * users' total OpenRouter usage times the rate (1 credit per USD), and no key lives at OpenRouter without a
 * live record.
 */
class LlmKeysIT extends DeployedTollgate {

    private final FakeOpenRouter openRouter = TestEnvironment.openRouter();
    private final List<String> users = new java.util.ArrayList<>();

    // ---- the endpoint -----------------------------------------------------------------------------------------

    @Test
    void aUserGetsOneKeyAndTheSameKeyAgainWithoutAskingOpenRouter() {
        String userId = user("first");
        JsonObject first = apiKey(userId);
        assertTrue(first.getBoolean("success"));
        JsonObject data = first.getJsonObject("data");
        assertTrue(data.getString("key").startsWith("sk-or-v1-"));
        assertEquals(new BigDecimal("10"), number(data, "remaining_credits"));
        assertEquals(new BigDecimal("10"), number(data, "total_credits"));
        assertEquals(new BigDecimal("1"), number(data, "daily_limit"));

        int creates = openRouter.createCalls();
        assertEquals(data.getString("key"), apiKey(userId).getJsonObject("data").getString("key"));
        assertEquals(creates, openRouter.createCalls(), "a healthy key is reused");
        FakeOpenRouter.FakeKey atOpenRouter = openRouter.keysNamed(userId).get(0);
        assertTrue(atOpenRouter.name.startsWith("tollgate:" + userId + ":"));
        assertEquals(0, new BigDecimal("1").compareTo(atOpenRouter.limit));
        assertNotNull(atOpenRouter.expiresAt, "forgotten keys die at OpenRouter too");
    }

    @Test
    void pukuDefect8_theKeyIsStoredSealedNeverInClearText() throws Exception {
        String userId = user("sealed");
        String key = apiKey(userId).getJsonObject("data").getString("key");
        Database db = TestEnvironment.database();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement sql = c.prepareStatement("SELECT * FROM llm_key WHERE account_id = ?")) {
            sql.setString(1, userId);
            try (ResultSet row = sql.executeQuery()) {
                assertTrue(row.next());
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    assertFalse(String.valueOf(row.getObject(column)).contains(key.substring(9)),
                            row.getMetaData().getColumnName(column) + " holds the key");
                }
            }
        }
    }

    @Test
    void pukuDefect8_healthyKeysAreAnsweredWithoutOpenRouterAndCallsAreRateLimited() {
        String userId = user("quiet");
        apiKey(userId);
        int before = openRouter.requests();
        for (int i = 0; i < 5; i++) {
            apiKey(userId);
        }
        assertEquals(before, openRouter.requests(), "a freshly observed key needs no call to OpenRouter");
        Api.Reply last = null;
        for (int i = 0; i <= TestEnvironment.VENDING_LIMIT_PER_MINUTE && (last == null || last.status() == 200); i++) {
            last = api().post("/api/key", "").bearer(userToken(userId)).send();
        }
        assertProblem(last, 429, "rate-limited");
        assertNotNull(last.header("Retry-After"));
    }

    @Test
    void pukuDefect6_usageIsChargedExactlyAsTheIncreaseOfLifetimeUsage() throws Exception {
        String userId = user("metered");
        apiKey(userId);
        String hash = openRouter.keysNamed(userId).get(0).hash;
        openRouter.addUsage(hash, new BigDecimal("0.1234567891"));
        staleness();
        assertEquals(new BigDecimal("9.8765432109"), number(apiKey(userId).getJsonObject("data"), "remaining_credits"));
        staleness();
        apiKey(userId);
        openRouter.addUsage(hash, new BigDecimal("0.0000000009"));
        staleness();
        assertEquals(new BigDecimal("9.87654321"), number(apiKey(userId).getJsonObject("data"), "remaining_credits"));
        List<JsonObject> usage = entries(userId, "llm_usage");
        assertEquals(2, usage.size(), "one entry per increase, none for a call that saw no new usage");
    }

    // ---- Puku's defects ----------------------------------------------------------------------------------------

    @Test
    void pukuDefect1_aKeyDeletedAtOpenRouterIsReplacedCleanly() throws Exception {
        String userId = user("vanished");
        String before = apiKey(userId).getJsonObject("data").getString("key");
        openRouter.deleteBehindTollgatesBack(openRouter.keysNamed(userId).get(0).hash);
        staleness();
        Api.Reply reply = api().post("/api/key", "").bearer(userToken(userId)).send();
        assertEquals(200, reply.status(), reply::toString);
        assertNotEquals(before, reply.json().getJsonObject("data").getString("key"));
        assertEquals(1, openRouter.keysNamed(userId).size());
    }

    @Test
    void pukuDefect2_aNewKeysLimitNeverExceedsWhatTheUserCanPay() {
        String userId = freshUserId("nearly-broke");
        users.add(userId);
        assertEquals(200, api().post("/user/create", "{\"userId\":\"" + userId + "\",\"initialCredits\":0.3}")
                .bearer(adminToken()).send().status());
        JsonObject data = apiKey(userId).getJsonObject("data");
        assertEquals(new BigDecimal("0.3"), number(data, "daily_limit"));
        assertEquals(0, new BigDecimal("0.3").compareTo(openRouter.keysNamed(userId).get(0).limit));
    }

    @Test
    void pukuDefect3_usageAfterTheLastCheckOfARotatedKeyIsCharged() throws Exception {
        String userId = user("rotated");
        String first = apiKey(userId).getJsonObject("data").getString("key");
        String oldHash = openRouter.keysNamed(userId).get(0).hash;
        openRouter.addUsage(oldHash, new BigDecimal("0.6"));
        staleness();
        String second = apiKey(userId).getJsonObject("data").getString("key");
        assertNotEquals(first, second, "rotated when $0.40 of $1 remained");
        assertTrue(openRouter.allKeys().stream().filter(k -> k.hash.equals(oldHash)).allMatch(k -> k.disabled));
        openRouter.addUsage(oldHash, new BigDecimal("0.05")); // a request in flight when the key was disabled
        Thread.sleep(1200); // tollgate.llm.settle-after is PT1S in the tests
        reconcile();
        assertTrue(openRouter.allKeys().stream().noneMatch(k -> k.hash.equals(oldHash)), "deleted once settled");
        assertEquals(new BigDecimal("9.35"), balanceOf(userId));
    }

    @Test
    void pukuDefect4_concurrentFirstCallsCreateExactlyOneKey() {
        String userId = user("stampede");
        List<Api.Reply> replies = parallelApiKeys(userId, 8);
        replies.forEach(r -> assertEquals(200, r.status(), r::toString));
        assertEquals(1, replies.stream().map(r -> r.json().getJsonObject("data").getString("key")).distinct().count());
        assertEquals(1, openRouter.keysNamed(userId).size(), "no orphaned keys");
    }

    @Test
    void pukuDefect5_concurrentCallsDuringARotationEndWithOneLiveKey() throws Exception {
        String userId = user("rotation-race");
        apiKey(userId);
        openRouter.addUsage(openRouter.keysNamed(userId).get(0).hash, new BigDecimal("0.7"));
        staleness();
        List<Api.Reply> replies = parallelApiKeys(userId, 6);
        replies.forEach(r -> assertEquals(200, r.status(), r::toString));
        assertEquals(1, replies.stream().map(r -> r.json().getJsonObject("data").getString("key")).distinct().count());
        assertEquals(1, openRouter.keysNamed(userId).stream().filter(k -> !k.disabled).count());
    }

    @Test
    void pukuDefect7_blockedUsersGetAProblemAnswerAndTheirKeyIsDisabled() throws Exception {
        String userId = user("blocked-llm");
        apiKey(userId);
        api().post("/admin/users/" + userId + "/block", "{}").bearer(adminToken()).send();
        assertProblem(api().post("/api/key", "").bearer(userToken(userId)).send(), 403, "account-blocked");
        reconcile();
        assertTrue(openRouter.keysNamed(userId).stream().allMatch(k -> k.disabled), "a blocked user's key is disabled");
    }

    // ---- overshoot and faults -------------------------------------------------------------------------------

    @Test
    void anOvershootIsRecordedAndMustBeCoveredBeforeANewKey() throws Exception {
        String userId = freshUserId("overshoot");
        users.add(userId);
        api().post("/user/create", "{\"userId\":\"" + userId + "\",\"initialCredits\":1}").bearer(adminToken()).send();
        apiKey(userId);
        openRouter.addUsage(openRouter.keysNamed(userId).get(0).hash, new BigDecimal("1.4"));
        staleness();
        JsonObject owed = assertProblem(api().post("/api/key", "").bearer(userToken(userId)).send(), 402,
                "insufficient-credits");
        assertTrue(owed.getString("detail").contains("0.4"), owed::toString);
        assertEquals(0, balanceOf(userId).signum());

        api().post("/admin/credits/add", "{\"userId\":\"" + userId + "\",\"amount\":5}").bearer(adminToken()).send();
        Api.Reply covered = api().post("/api/key", "").bearer(userToken(userId)).send();
        assertEquals(200, covered.status(), covered::toString);
        assertEquals(new BigDecimal("4.6"), balanceOf(userId), "the overshoot was charged once credits arrived");
    }

    @Test
    void openRouterFailuresAre503WithRetryAfterAndChargeNothing() throws Exception {
        String userId = user("faults");
        apiKey(userId);
        openRouter.addUsage(openRouter.keysNamed(userId).get(0).hash, new BigDecimal("0.2"));
        staleness();
        for (int status : new int[] {500, 429}) {
            openRouter.failNext(status, 3); // more than the retries of a read
            Api.Reply reply = api().post("/api/key", "").bearer(userToken(userId)).send();
            assertProblem(reply, 503, "unavailable");
            assertEquals("5", reply.header("Retry-After"));
            assertEquals(new BigDecimal("10"), balanceOf(userId), "nothing charged");
        }
        openRouter.failNext(500, 0);
        assertEquals(new BigDecimal("9.8"), number(apiKey(userId).getJsonObject("data"), "remaining_credits"));
    }

    @Test
    void aSlowOpenRouterTimesOutInto503AndChargesNothing() throws Exception {
        String userId = user("slow");
        apiKey(userId);
        openRouter.addUsage(openRouter.keysNamed(userId).get(0).hash, new BigDecimal("0.3"));
        staleness();
        openRouter.latency(Duration.ofSeconds(6)); // past the 5 s timeout of a read, on every retry
        try {
            Api.Reply reply = api().post("/api/key", "").bearer(userToken(userId)).send();
            assertProblem(reply, 503, "unavailable");
            assertEquals("5", reply.header("Retry-After"));
        } finally {
            openRouter.latency(Duration.ZERO);
        }
        assertEquals(new BigDecimal("10"), balanceOf(userId), "nothing charged");
        assertEquals(new BigDecimal("9.7"), number(apiKey(userId).getJsonObject("data"), "remaining_credits"));
    }

    @Test
    void aKeyCreatedAtOpenRouterButNeverSavedIsFoundChargedAndDeleted() throws Exception {
        String userId = user("crashed");
        openRouter.dropConnectionAfterNextCreate();
        assertProblem(api().post("/api/key", "").bearer(userToken(userId)).send(), 503, "unavailable");
        assertEquals(1, openRouter.keysNamed(userId).size(), "the orphan exists at OpenRouter");
        openRouter.addUsage(openRouter.keysNamed(userId).get(0).hash, new BigDecimal("0.25"));
        reconcile();
        assertEquals(0, openRouter.keysNamed(userId).size(), "the orphan is deleted");
        assertEquals(new BigDecimal("9.75"), balanceOf(userId), "and its usage charged to its owner");
        assertEquals(200, api().post("/api/key", "").bearer(userToken(userId)).send().status());
    }

    @Test
    void atTheLowCreditThresholdTheBlockPolicyRefusesAndDisablesTheKey() throws Exception {
        String userId = freshUserId("low-credit");
        users.add(userId);
        api().post("/user/create", "{\"userId\":\"" + userId + "\",\"initialCredits\":0.5}").bearer(adminToken()).send();
        apiKey(userId);
        String hash = openRouter.keysNamed(userId).get(0).hash;
        openRouter.addUsage(hash, new BigDecimal("0.45"));
        staleness();
        JsonObject refused = assertProblem(api().post("/api/key", "").bearer(userToken(userId)).send(), 402,
                "insufficient-credits");
        assertEquals("Insufficient credits", refused.getString("error"));
        assertEquals(new BigDecimal("0.05"), balanceOf(userId));
        assertTrue(openRouter.allKeys().stream().filter(k -> k.hash.equals(hash)).allMatch(k -> k.disabled));
    }

    // ---- admin ------------------------------------------------------------------------------------------------

    @Test
    void adminsListRotateAndRevokeKeysWithoutSeeingThem() {
        String userId = user("managed");
        String first = apiKey(userId).getJsonObject("data").getString("key");
        Api.Reply listed = api().get("/admin/llm-keys?limit=100").bearer(adminToken()).send();
        assertEquals(200, listed.status(), listed::toString);
        assertFalse(listed.body().contains(first.substring(12, 40)), "never a key in listings, only masked labels");
        assertTrue(listed.body().contains(openRouter.keysNamed(userId).get(0).hash) || listed.header("X-Next-Cursor") != null);

        JsonObject rotated = api().post("/admin/llm-keys/" + userId + "/rotate", "").bearer(adminToken()).send().json();
        assertTrue(rotated.getBoolean("success"));
        String second = apiKey(userId).getJsonObject("data").getString("key");
        assertNotEquals(first, second);
        assertEquals(200, api().post("/admin/llm-keys/" + userId + "/revoke", "").bearer(adminToken()).send().status());
        assertEquals(0, openRouter.keysNamed(userId).stream().filter(k -> !k.disabled).count(), "revoked at once");
        assertProblem(api().get("/admin/llm-keys").bearer(userToken(userId)).send(), 403, "forbidden");
    }

    // ---- the spend invariant ----------------------------------------------------------------------------------

    @AfterEach
    void creditsChargedEqualUsageAndNoKeyLivesWithoutARecord() throws Exception {
        reconcile();
        for (String userId : users) {
            BigDecimal charged = entries(userId, "llm_usage").stream().map(e -> number(e, "amount"))
                    .reduce(BigDecimal.ZERO, BigDecimal::add).negate();
            BigDecimal owed = owedCredits(userId);
            assertEquals(0, openRouter.totalUsageOfKeysNamed(userId).compareTo(charged.add(owed)),
                    userId + ": charged " + charged + " + owed " + owed + " = usage");
            long liveAtOpenRouter = openRouter.keysNamed(userId).stream().filter(k -> !k.disabled).count();
            assertTrue(liveAtOpenRouter <= 1, userId + " has " + liveAtOpenRouter + " live keys at OpenRouter");
            assertEquals(liveAtOpenRouter, liveRecords(userId), userId + ": live keys at OpenRouter = live records");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private String user(String purpose) {
        String userId = freshUserId(purpose);
        users.add(userId);
        return userId;
    }

    private JsonObject apiKey(String userId) {
        Api.Reply reply = api().post("/api/key", "").bearer(userToken(userId)).send();
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private List<Api.Reply> parallelApiKeys(String userId, int calls) {
        return IntStream.range(0, calls).mapToObj(i -> api().post("/api/key", "").bearer(userToken(userId)).sendAsync())
                .toList().stream().map(CompletableFuture::join).toList();
    }

    private static void staleness() throws InterruptedException {
        Thread.sleep(Duration.parse(TestEnvironment.LLM_STALENESS).toMillis() + 200);
    }

    /** Runs a reconciliation; the minute timer may hold the lock, so it retries briefly. */
    private void reconcile() throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            Api.Reply reply = api().post("/admin/llm-keys/reconcile", "").bearer(adminToken()).send();
            assertEquals(200, reply.status(), reply::toString);
            if (reply.json().getBoolean("ran")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("reconciliation never got its turn");
    }

    private List<JsonObject> entries(String userId, String type) {
        return api().get("/admin/transactions?limit=100&userId=" + userId + "&type=" + type).bearer(adminToken())
                .send().json().getJsonArray("transactions").getValuesAs(JsonObject.class);
    }

    private static BigDecimal number(JsonObject json, String field) {
        return json.getJsonNumber(field).bigDecimalValue();
    }

    private static BigDecimal owedCredits(String userId) throws Exception {
        return queryDecimal("SELECT COALESCE(SUM(unpaid_credits), 0) FROM llm_key WHERE account_id = ?", userId);
    }

    private static long liveRecords(String userId) throws Exception {
        return queryDecimal("SELECT COUNT(*) FROM llm_key WHERE account_id = ? AND state = 'live'", userId).longValue();
    }

    private static BigDecimal queryDecimal(String query, String userId) throws Exception {
        Database db = TestEnvironment.database();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement sql = c.prepareStatement(query)) {
            sql.setString(1, userId);
            try (ResultSet rs = sql.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }
}
